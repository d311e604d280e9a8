package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.testsupport.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;

class SlowEndpointTest extends NotifyIntegrationTest {

    private final WebhookReceiver hung = new WebhookReceiver();
    private final WebhookReceiver live = new WebhookReceiver();

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void close() {
        hung.close();
        live.close();
    }

    private int inFlight(String department) {
        return jdbc.sql("""
                select count(*) from delivery d join subscription s on s.id = d.subscription_id
                where s.department = ? and d.status = 'SENDING'""").param(department).query(Integer.class).single();
    }

    @Test
    void aHungEndpointDoesNotDelayAnotherDepartmentsWebhooks() throws Exception {
        hung.hold();   // accepts connections, never answers: each attempt lasts the full 10 s timeout
        subscribe("GAJ", "\"url\": \"" + hung.url("/gaj") + "\"");
        subscribe("SJJ", "\"url\": \"" + live.url("/sjj") + "\"");

        // More deliveries to the hung endpoint than the dispatcher has worker threads (16).
        for (int i = 0; i < 20; i++) {
            publish(Events.status(newPetitionNo(), "ASSIGNED", "GAJ", List.of(), "PUBLIC_SECURITY", null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inFlight("GAJ") == 4);   // the per-endpoint limit

        String petitionNo = newPetitionNo();
        long start = System.nanoTime();
        publish(Events.status(petitionNo, "ASSIGNED", "SJJ", List.of(), "MARKET_REGULATION", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> live.deliveries().stream()
                .anyMatch(d -> d.body().contains(petitionNo)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Delivered well within the hung endpoint's timeout, while that endpoint still had not answered anything.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(hung.requests()).isEmpty();
        assertThat(inFlight("GAJ")).isLessThanOrEqualTo(4);
        assertThat(jdbc.sql("""
                select count(*) from delivery d join subscription s on s.id = d.subscription_id
                where s.department = 'GAJ' and d.status = 'PENDING'""").query(Integer.class).single())
                .isGreaterThanOrEqualTo(16);
    }

    private int deliveries(String subscriptionId, String status) {
        return jdbc.sql("select count(*) from delivery where subscription_id = ?::uuid and status = ?")
                .params(subscriptionId, status).query(Integer.class).single();
    }

    private double leasedByPreviousAttempt() {
        return meters.get("webhook.attempts").tag("leased-by", "previous-attempt").counter().count();
    }

    /**
     * The bureau's endpoint hears every event of the county: its backlog must not go at the lease query's pace (four
     * per query), but attempt after attempt, each outcome leasing the next.
     */
    @Test
    void anEndpointsBacklogGoesOutAttemptAfterAttemptWithinItsLimit() throws Exception {
        live.hold();
        String subscription = subscribe("GAJ", "\"url\": \"" + live.url("/gaj") + "\"").get("id").asString();
        List<String> petitions = IntStream.range(0, 20).mapToObj(i -> newPetitionNo()).toList();
        for (String petitionNo : petitions) {
            publish(Events.status(petitionNo, "ASSIGNED", "GAJ", List.of(), "PUBLIC_SECURITY", null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(subscription, "SENDING") == 4
                && deliveries(subscription, "PENDING") == 16);
        double before = leasedByPreviousAttempt();

        live.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(subscription, "DELIVERED") == 20);

        // Each of the 16 waiting was leased by the outcome of an earlier attempt: the endpoint was never below its
        // limit while it had work, so the lease query found no room for it.
        assertThat(leasedByPreviousAttempt() - before).isGreaterThanOrEqualTo(16);
        assertThat(live.deliveries()).hasSize(20);
        assertThat(live.deliveries().stream().map(d -> d.header("webhook-id")).distinct()).hasSize(20);
        assertThat(petitions).allSatisfy(petitionNo ->
                assertThat(live.deliveries()).anyMatch(d -> d.body().contains(petitionNo)));
        assertThat(deliveries(subscription, "SENDING") + deliveries(subscription, "PENDING")).isZero();
    }
}
