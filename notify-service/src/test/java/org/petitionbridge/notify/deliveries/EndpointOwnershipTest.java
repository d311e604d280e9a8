package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.notify.subscriptions.WebhookUrlPolicy;
import org.petitionbridge.service.tracing.EventTracing;
import org.petitionbridge.testsupport.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two notify instances on one database: an endpoint is sent to by one of them at a time (the one owning it), and the
 * other takes it over once the owner stops. The second instance is a second dispatcher on the same database and
 * subscriptions, as a second notify process would run one.
 */
class EndpointOwnershipTest extends NotifyIntegrationTest {

    private final WebhookReceiver endpoint = new WebhookReceiver(8);

    @Autowired
    private WebhookDispatcher first;
    @Autowired
    private JdbcTemplate template;
    @Autowired
    private WebhookUrlPolicy urls;
    @Autowired
    private Clock clock;
    @Autowired
    private EventTracing tracing;

    private WebhookDispatcher second;
    private final MeterRegistry secondMeters = new SimpleMeterRegistry();

    @AfterEach
    void stopTheSecond() {
        if (second != null) {
            second.stop();   // gives its endpoints up, so that the context's dispatcher takes them back
        }
        if (!first.isRunning()) {
            first.start();
        }
        endpoint.close();
    }

    private double deliveredBySecond() {
        return secondMeters.get("webhook.deliveries").tag("outcome", "delivered").counter().count();
    }

    private List<String> ids() {
        return endpoint.deliveries().stream().map(d -> d.header("webhook-id")).toList();
    }

    /** GAJ subscribes at the path, the first instance takes its endpoint with one delivery, then a second starts. */
    private void firstOwnsTheEndpointWithASecondStarted(String path) throws Exception {
        subscribe("GAJ", "\"url\": \"" + endpoint.url(path) + "\"");
        publish(Events.status(newPetitionNo(), "ASSIGNED", "GAJ", List.of(), "PUBLIC_SECURITY", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.deliveries().size() == 1);   // the first owns it

        second = new WebhookDispatcher(template, urls, clock, secondMeters, tracing,
                List.of(Duration.ofMillis(100), Duration.ofMillis(200)), Duration.ofSeconds(10), 4, 256, 4);
        second.start();
    }

    @Test
    void oneInstanceSendsToAnEndpointAndAnotherTakesItOverWhenItStops() throws Exception {
        firstOwnsTheEndpointWithASecondStarted("/gaj");
        endpoint.hold();   // the endpoint answers nothing for now: ten deliveries wait, four of them in flight
        for (int i = 0; i < 10; i++) {
            publish(Events.status(newPetitionNo(), "ASSIGNED", "GAJ", List.of(), "PUBLIC_SECURITY", null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.open() == 4);
        // the other instance reads and claims every second or so: it must not send any of them meanwhile
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> endpoint.open() == 4 && endpoint.calls() == 5);
        endpoint.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.deliveries().size() == 11);
        assertThat(deliveredBySecond()).as("the endpoint's owner sends; the other instance does not").isZero();
        assertThat(ids()).doesNotHaveDuplicates();

        first.stop();   // gives the endpoint up
        for (int i = 0; i < 10; i++) {
            publish(Events.status(newPetitionNo(), "ASSIGNED", "GAJ", List.of(), "PUBLIC_SECURITY", null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.deliveries().size() == 21);
        assertThat(deliveredBySecond()).as("the other instance took the endpoint over").isEqualTo(10);
        assertThat(ids()).as("no delivery sent twice").doesNotHaveDuplicates();
        assertThat(jdbc.sql("select count(*) from delivery where status <> 'DELIVERED' and subscription_id ="
                + " (select id from subscription where department = 'GAJ' and active)").query(Integer.class).single())
                .isZero();
    }

    @Test
    void anInstanceThatStopsWaitsForTheAnswersInFlightSoTheNextOwnerSendsNoneAgain() throws Exception {
        firstOwnsTheEndpointWithASecondStarted("/gaj-restart");
        endpoint.hold();   // four attempts in flight, unanswered, when the first instance is told to stop
        for (int i = 0; i < 4; i++) {
            publish(Events.status(newPetitionNo(), "ASSIGNED", "GAJ", List.of(), "PUBLIC_SECURITY", null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.open() == 4);

        Thread stopping = new Thread(first::stop, "stopping-the-first");
        stopping.start();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> stopping.isAlive() && deliveredBySecond() == 0);   // it waits for the answers
        endpoint.release();
        stopping.join(Duration.ofSeconds(30).toMillis());
        assertThat(stopping.isAlive()).as("the first stopped once its attempts were answered").isFalse();

        publish(Events.status(newPetitionNo(), "ASSIGNED", "GAJ", List.of(), "PUBLIC_SECURITY", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveredBySecond() == 1);   // the second owns it now
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> endpoint.deliveries().size() == 6);
        assertThat(ids()).as("what was in flight at the stop is not sent again").doesNotHaveDuplicates();
        assertThat(jdbc.sql("select count(*) from delivery where status <> 'DELIVERED' and subscription_id ="
                + " (select id from subscription where department = 'GAJ' and active)").query(Integer.class).single())
                .isZero();
    }
}
