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
