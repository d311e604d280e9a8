package org.petitionbridge.notify.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.Topics;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import tools.jackson.databind.JsonNode;

class FeedTest extends NotifyIntegrationTest {

    @Test
    void theFeedReturnsTheSameEventsAsTheWebhooksInOrderOnceEach() throws Exception {
        subscribe("NYJ", "\"url\": \"" + receiver.url("/nyj") + "\"");
        String petitionNo = newPetitionNo();
        List<String> statuses = List.of("ASSIGNED", "ACKNOWLEDGED", "IN_PROGRESS", "REPLIED", "CLOSED");
        List<String> ids = new ArrayList<>();
        for (String status : statuses) {
            CaseStatusChanged event = Events.status(petitionNo, status, "NYJ", List.of(), "RURAL_LAND_CONTRACT", null);
            CloudEvent published = publish(event);
            ids.add(published.id());
            if (status.equals("ACKNOWLEDGED")) {
                publish(published, Topics.STATUS, event);   // the broker delivers it again: planned once
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries().stream()
                .filter(d -> d.body().contains(petitionNo)).count() == 5);
        List<JsonNode> feed = feed("NYJ", petitionNo);
        assertThat(feed).extracting(e -> e.get("id").asString()).containsExactlyElementsOf(ids);
        assertThat(feed).extracting(e -> e.get("data").get("status").asString()).containsExactlyElementsOf(statuses);
        assertThat(feed).extracting(e -> e.get("sequence").asLong()).isSorted().doesNotHaveDuplicates();

        // Each webhook body is the feed entry of the same event, byte for byte as JSON.
        List<JsonNode> webhooks = receiver.deliveries().stream().filter(d -> d.body().contains(petitionNo))
                .map(d -> json(d.body())).sorted(Comparator.comparingLong(e -> e.get("sequence").asLong())).toList();
        assertThat(webhooks).containsExactlyElementsOf(feed);

        // Paging with the cursor returns the same events in the same order.
        List<JsonNode> paged = new ArrayList<>();
        long after = feed.get(0).get("sequence").asLong() - 1;
        for (int page = 0; page < 10; page++) {
            JsonNode body = json(get("/api/v1/feed?after=" + after + "&limit=2", "NYJ").body());
            body.get("events").forEach(e -> {
                if (e.get("subject").asString().equals(petitionNo)) {
                    paged.add(e);
                }
            });
            after = body.get("next").asLong();
            if (!body.get("hasMore").asBoolean()) {
                break;
            }
        }
        assertThat(paged).containsExactlyElementsOf(feed);
        JsonNode end = json(get("/api/v1/feed?after=" + after, "NYJ").body());
        assertThat(end.get("events").size()).isZero();
        assertThat(end.get("next").asLong()).isEqualTo(after);
    }

    @Test
    void aPetitionEventDeliveredAgainIsNotPlannedAgainEvenForADepartmentInterestedSince() throws Exception {
        String petitionNo = newPetitionNo();
        CaseStatusChanged assigned = Events.status(petitionNo, "ASSIGNED", "ZJJ", List.of(), "ENVIRONMENT", null);
        CloudEvent first = publish(assigned);
        await().atMost(Duration.ofSeconds(30)).until(() -> feed("ZJJ", petitionNo).size() == 1);

        // the environment bureau subscribes to status events of its category only now ...
        subscribe("STHJ", "\"eventTypes\": [\"status\"], \"filters\": {\"categories\": [\"ENVIRONMENT\"]}");
        // ... and the broker delivers the first event again, then the next one
        publish(first, Topics.STATUS, assigned);
        CloudEvent next = publish(Events.status(petitionNo, "ACKNOWLEDGED", "ZJJ", List.of(), "ENVIRONMENT", null));

        // the redelivery comes first in the partition, so once the next event is planned, so is it
        await().atMost(Duration.ofSeconds(30)).until(() -> feed("STHJ", petitionNo).stream()
                .anyMatch(e -> next.id().equals(e.get("id").asString())));
        assertThat(feed("STHJ", petitionNo)).as("the event planned before is not planned again for a newcomer")
                .extracting(e -> e.get("id").asString()).containsExactly(next.id());
        assertThat(feed("ZJJ", petitionNo)).extracting(e -> e.get("id").asString())
                .containsExactly(first.id(), next.id());
        // the case remembers its events: no processed_event row for them
        assertThat(jdbc.sql("select planned_events from notify_case where petition_no = ?").param(petitionNo)
                .query((rs, i) -> List.of((String[]) rs.getArray(1).getArray())).single())
                .containsExactly(first.id(), next.id());
        assertThat(jdbc.sql("select count(*) from processed_event where event_id in (?, ?)")
                .params(first.id(), next.id()).query(Integer.class).single()).isZero();
    }

    @Test
    void badFeedRequestsListEveryBadField() throws Exception {
        HttpResponse<String> response = get("/api/v1/feed?after=-1&limit=0", "RSJ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(response.body()).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("after", "limit");

        response = get("/api/v1/feed?after=abc&limit=many", "T002");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("after", "limit");

        response = get("/api/v1/feed?limit=501", "RSJ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("errors").findValuesAsString("field")).containsExactly("limit");
    }
}
