package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.testsupport.WebhookReceiver;
import tools.jackson.databind.JsonNode;

class StatusWebhookTest extends NotifyIntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(700);
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void close() {
        receiver.close();
    }

    static CaseStatusChanged assigned(String petitionNo, String lead, List<String> coHandlers, String accused) {
        return new CaseStatusChanged(petitionNo, "ASSIGNED", "REGISTERED", "ROUTED", null, lead, coHandlers,
                "HOUSING_DEMOLITION", "CLAIM", "990101002001", accused, Instant.now(),
                Map.of("acknowledge", LocalDate.parse("2026-12-11")), null);
    }

    private String subscribe(String department, String path) throws Exception {
        var response = postJson("/api/v1/subscriptions",
                "{\"department\": \"" + department + "\", \"url\": \"" + receiver.url(path) + "\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = EventCodec.mapper().readTree(response.body());
        assertThat(created.get("secret").asString()).startsWith("whsec_");
        return created.get("secret").asString();
    }

    @Test
    void theAssignedDepartmentsReceiveASignedStatusWebhookAndTheComplainedAboutOneDoesNot() throws Exception {
        String petitionNo = "XF990101-20261126-%06d".formatted(SEQUENCE.incrementAndGet());
        String leadSecret = subscribe("ZJJ", "/zjj");
        subscribe("T002", "/t002");
        subscribe("RSJ", "/rsj");   // not assigned to this case

        publish(assigned(petitionNo, "ZJJ", List.of("T002"), "T002"));

        WebhookReceiver.Delivery delivery = await().atMost(Duration.ofSeconds(30)).until(
                () -> receiver.deliveries().stream().filter(d -> d.body().contains(petitionNo)).findFirst()
                        .orElse(null), d -> d != null);
        assertThat(delivery.path()).isEqualTo("/zjj");
        String expected = WebhookSigner.sign(leadSecret, delivery.header("webhook-id"),
                Long.parseLong(delivery.header("webhook-timestamp")), delivery.body());
        assertThat(delivery.header("webhook-signature")).isEqualTo(expected);
        JsonNode body = EventCodec.mapper().readTree(delivery.body());
        assertThat(body.get("type").asString()).isEqualTo("petition.status.v1");
        assertThat(body.get("data").get("status").asString()).isEqualTo("ASSIGNED");

        // The delivery is recorded, and nothing else was delivered for this case: T002 is complained about, RSJ not assigned.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from delivery where petition_no = ? and status = 'DELIVERED'").param(petitionNo)
                .query(Integer.class).single() == 1);
        assertThat(jdbc.sql("select count(*) from delivery where petition_no = ?").param(petitionNo)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(receiver.deliveries().stream().filter(d -> d.body().contains(petitionNo))).hasSize(1);
    }

    @Test
    void aFailingReceiverIsRetriedWithTheSameWebhookIdUntilItAnswers() throws Exception {
        String petitionNo = "XF990101-20261126-%06d".formatted(SEQUENCE.incrementAndGet());
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(() -> calls.incrementAndGet() <= 2 ? 503 : 204);
        subscribe("YJJ", "/yjj");
        publish(assigned(petitionNo, "YJJ", List.of(), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries().stream()
                .anyMatch(d -> d.body().contains(petitionNo)));
        assertThat(calls.get()).isEqualTo(3);
        JsonNode listed = EventCodec.mapper().readTree(get("/api/v1/deliveries?petitionNo=" + petitionNo).body());
        assertThat(listed.get(0).get("status").asString()).isEqualTo("DELIVERED");
        assertThat(listed.get(0).get("attempts").asInt()).isEqualTo(3);
    }
}
