package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.testsupport.WebhookReceiver;

class SlowEndpointTest extends NotifyIntegrationTest {

    private final WebhookReceiver hung = new WebhookReceiver();
    private final WebhookReceiver live = new WebhookReceiver();

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
}
