package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.testsupport.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/** The retry schedule of these tests is 100ms, 200ms, 300ms: four attempts, then the delivery is dead. */
class RetryAndRedeliveryTest extends NotifyIntegrationTest {

    private List<WebhookReceiver.Request> requestsFor(String petitionNo) {
        return receiver.requests().stream().filter(r -> r.body().contains(petitionNo)).toList();
    }

    private JsonNode delivery(String department, String petitionNo) throws Exception {
        HttpResponse<String> listed = get("/api/v1/deliveries?petitionNo=" + petitionNo, department);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode all = json(listed.body());
        assertThat(all.size()).isEqualTo(1);
        return all.get(0);
    }

    @Test
    void aReceiverThatFailsThreeTimesThenSucceedsGetsTheEventOnceMoreWithTheSameWebhookId() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(() -> calls.incrementAndGet() <= 3 ? 503 : 204);
        subscribe("YJJ", "\"url\": \"" + receiver.url("/yjj") + "\"");
        String petitionNo = newPetitionNo();
        publish(Events.status(petitionNo, "ASSIGNED", "YJJ", List.of(), "DISASTER_RELIEF", null));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries().stream()
                .anyMatch(d -> d.body().contains(petitionNo)));
        List<WebhookReceiver.Request> requests = requestsFor(petitionNo);
        assertThat(requests).extracting(WebhookReceiver.Request::status).containsExactly(503, 503, 503, 204);
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(requests.get(0).header("webhook-id"));
        assertThat(requests).extracting(WebhookReceiver.Request::body).containsOnly(requests.get(0).body());

        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(
                delivery("YJJ", petitionNo).get("status").asString()));
        JsonNode listed = delivery("YJJ", petitionNo);
        assertThat(listed.get("id").asString()).isEqualTo(requests.get(0).header("webhook-id"));
        assertThat(listed.get("attempts").asInt()).isEqualTo(4);
        assertThat(listed.get("lastStatus").asInt()).isEqualTo(204);
    }

    @Test
    void aReceiverDownPastTheScheduleIsDeadLetteredAndRecoveredByRedelivery() throws Exception {
        receiver.answer(() -> 503);
        subscribe("MZJ", "\"url\": \"" + receiver.url("/mzj") + "\"");
        String petitionNo = newPetitionNo();
        publish(Events.status(petitionNo, "ASSIGNED", "MZJ", List.of(), "SOCIAL_ASSISTANCE", null));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = get("/api/v1/deliveries?petitionNo=" + petitionNo, "MZJ");
            return r.body().contains("\"DEAD\"");
        });
        JsonNode dead = delivery("MZJ", petitionNo);
        assertThat(dead.get("attempts").asInt()).isEqualTo(4);
        assertThat(dead.get("lastStatus").asInt()).isEqualTo(503);
        assertThat(dead.get("lastError").asString()).isEqualTo("HTTP 503");
        assertThat(get("/api/v1/deliveries?status=DEAD", "MZJ").body()).contains(dead.get("id").asString());
        assertThat(requestsFor(petitionNo)).hasSize(4);

        // Another department can neither see nor redeliver MZJ's deliveries, nor tell them from unknown ones.
        String deadId = dead.get("id").asString();
        HttpResponse<String> others = postJson("/api/v1/deliveries/" + deadId + "/redeliver", "", "RSJ");
        HttpResponse<String> unknown = postJson("/api/v1/deliveries/msg_unknown/redeliver", "", "RSJ");
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(others.body().replace(deadId, "ID")).isEqualTo(unknown.body().replace("msg_unknown", "ID"));
        assertThat(get("/api/v1/deliveries?petitionNo=" + petitionNo, "RSJ").body()).isEqualTo("[]");
        assertThat(get("/api/v1/deliveries?department=MZJ", "RSJ").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/deliveries?department=MZJ&petitionNo=" + petitionNo, "XFJ").body()).contains(deadId);

        receiver.answer(() -> 200);   // the endpoint is back
        HttpResponse<String> redelivered = postJson("/api/v1/deliveries/" + dead.get("id").asString() + "/redeliver",
                "", "MZJ");
        assertThat(redelivered.statusCode()).as(redelivered.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries().stream()
                .anyMatch(d -> d.body().contains(petitionNo)));
        WebhookReceiver.Delivery recovered = receiver.deliveries().stream()
                .filter(d -> d.body().contains(petitionNo)).findFirst().orElseThrow();
        assertThat(recovered.header("webhook-id")).isEqualTo(dead.get("id").asString());
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(
                delivery("MZJ", petitionNo).get("status").asString()));
        assertThat(delivery("MZJ", petitionNo).get("redeliveries").asInt()).isEqualTo(1);

        assertThat(postJson("/api/v1/deliveries/msg_unknown/redeliver", "", "MZJ").statusCode()).isEqualTo(404);
    }

    @Test
    void anEndpointThatAnswers410IsDisabled() throws Exception {
        receiver.answer(() -> 410);
        JsonNode subscription = subscribe("JTJ", "\"url\": \"" + receiver.url("/jtj") + "\"");
        String first = newPetitionNo();
        publish(Events.status(first, "ASSIGNED", "JTJ", List.of(), "TRANSPORT", null));

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/deliveries?petitionNo=" + first, "JTJ")
                .body().contains("\"DEAD\""));
        assertThat(requestsFor(first)).hasSize(1);   // no retry after a 410
        JsonNode listed = json(get("/api/v1/subscriptions", "JTJ").body());
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(subscription.get("id").asString());
        assertThat(listed.get(0).get("active").asBoolean()).isFalse();
        assertThat(listed.get(0).get("disabledReason").asString()).isEqualTo("GONE");

        // Later events of JTJ's cases reach its feed, no longer the disabled endpoint.
        String second = newPetitionNo();
        publish(Events.status(second, "ASSIGNED", "JTJ", List.of(), "TRANSPORT", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> !feed("JTJ", second).isEmpty());
        assertThat(get("/api/v1/deliveries?petitionNo=" + second, "JTJ").body()).isEqualTo("[]");
        assertThat(requestsFor(second)).isEmpty();
    }
}
