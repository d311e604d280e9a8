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

    /** Receivers that serve several requests at once, so that each request in flight is one held here. */
    private final WebhookReceiver hung = new WebhookReceiver(8);
    private final WebhookReceiver live = new WebhookReceiver(8);

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void close() {
        hung.close();
        live.close();
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
        await().atMost(Duration.ofSeconds(30)).until(() -> hung.open() == 4);   // the per-endpoint limit

        String petitionNo = newPetitionNo();
        long start = System.nanoTime();
        publish(Events.status(petitionNo, "ASSIGNED", "SJJ", List.of(), "MARKET_REGULATION", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> live.deliveries().stream()
                .anyMatch(d -> d.body().contains(petitionNo)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Delivered well within the hung endpoint's timeout, while that endpoint still had not answered anything.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(hung.requests()).isEmpty();
        assertThat(hung.open()).as("never more than the limit in flight").isEqualTo(4);
        assertThat(hung.calls()).isEqualTo(4);
        assertThat(jdbc.sql("""
                select count(*) from delivery d join subscription s on s.id = d.subscription_id
                where s.department = 'GAJ' and d.status = 'PENDING'""").query(Integer.class).single())
                .isGreaterThanOrEqualTo(16);
    }

    private int deliveries(String subscriptionId, String status) {
        return jdbc.sql("select count(*) from delivery where subscription_id = ?::uuid and status = ?")
                .params(subscriptionId, status).query(Integer.class).single();
    }

    private double startedByPreviousAttempt() {
        return meters.get("webhook.attempts").tag("started-by", "previous-attempt").counter().count();
    }

    /**
     * The bureau's endpoint hears every event of the county: its backlog must not go at the pace of a query (four
     * per query), but attempt after attempt, each one ending starting the next one read.
     */
    @Test
    void anEndpointsBacklogGoesOutAttemptAfterAttemptWithinItsLimit() throws Exception {
        live.hold();
        String subscription = subscribe("GAJ", "\"url\": \"" + live.url("/gaj") + "\"").get("id").asString();
        List<String> petitions = IntStream.range(0, 20).mapToObj(i -> newPetitionNo()).toList();
        for (String petitionNo : petitions) {
            publish(Events.status(petitionNo, "ASSIGNED", "GAJ", List.of(), "PUBLIC_SECURITY", null));
        }
        // four in flight, and every delivery still PENDING: nothing but its outcome is written
        await().atMost(Duration.ofSeconds(30)).until(() -> live.open() == 4
                && deliveries(subscription, "PENDING") == 20);
        double before = startedByPreviousAttempt();

        live.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(subscription, "DELIVERED") == 20);

        // The 16 waiting were started by the ends of earlier attempts, from what the dispatcher had read: the endpoint
        // was never below its limit while it had work. Only when what was read ran out (the deliveries were planned
        // in a few batches, read as each committed) did a slot wait for a read, and then that read started one.
        assertThat(startedByPreviousAttempt() - before).isGreaterThanOrEqualTo(12);
        assertThat(live.deliveries()).hasSize(20);
        assertThat(live.deliveries().stream().map(d -> d.header("webhook-id")).distinct()).hasSize(20);
        assertThat(petitions).allSatisfy(petitionNo ->
                assertThat(live.deliveries()).anyMatch(d -> d.body().contains(petitionNo)));
        assertThat(deliveries(subscription, "PENDING")).isZero();
    }
}
