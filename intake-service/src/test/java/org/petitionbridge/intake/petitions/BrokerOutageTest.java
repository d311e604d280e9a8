package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.Topics;
import org.petitionbridge.intake.IntakeApplication;
import org.petitionbridge.intake.Petitions;
import org.petitionbridge.intake.TestRegistryKeys;
import org.petitionbridge.kafka.SingleNodeKafka;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TestTokens;
import org.petitionbridge.testsupport.TopicReader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * While the broker is down intake still answers 201, and every petition registered meanwhile is published once
 * the broker is back. A real KRaft broker is stopped and started on the same port; intake runs as its own
 * application here (own database, so that the module's other intake does not relay these events elsewhere).
 */
class BrokerOutageTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static SingleNodeKafka kafka;
    private static ConfigurableApplicationContext intake;
    private static int port;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        kafka = SingleNodeKafka.temporary().start();
        intake = IntakeApplication.builder().properties(TestRegistryKeys.properties()).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + TestDatabase.jdbcUrl("intake_outage"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--petition-bridge.outbox.poll-interval=100ms",
                "--petition-bridge.topics.partitions=1",
                "--spring.cloud.stream.kafka.binder.min-partition-count=1",
                "--management.metrics.use-global-registry=false",
                "--spring.jmx.enabled=false",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestTokens.get().jwkSetUri(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestTokens.AUDIENCE);
        port = Integer.parseInt(intake.getEnvironment().getProperty("local.server.port"));
        jdbc = intake.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        if (intake != null) {
            intake.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private String register() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/petitions")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.get().client("channel-broker-outage", Role.INTAKE_CHANNEL))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Petitions.petition("LETTER", "DISASTER_RELIEF", "990101004001",
                        Petitions.person()))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return EventCodec.mapper().readTree(response.body()).get("petitionNo").asString();
    }

    private int waitingInOutbox() {
        return jdbc.sql("select count(*) from outbox_event").query(Integer.class).single();
    }

    @Test
    void petitionsRegisteredWhileTheBrokerIsDownArePublishedWhenItReturns() throws Exception {
        List<String> registered = new ArrayList<>();
        registered.add(register());
        await().atMost(Duration.ofSeconds(20)).until(() -> waitingInOutbox() == 0);

        kafka.stop();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            registered.add(register());
            // The answer does not wait for the broker.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
        assertThat(waitingInOutbox()).isEqualTo(5);

        kafka.restart();
        await().atMost(Duration.ofSeconds(45)).until(() -> waitingInOutbox() == 0);
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of(Topics.RECEIVED))) {
            Set<String> published = await().atMost(Duration.ofSeconds(30)).until(
                    () -> reader.poll(Duration.ofMillis(200)).stream().map(TopicReader.Read::key).collect(Collectors.toSet()),
                    keys -> keys.containsAll(registered));
            assertThat(published).containsAll(registered);
        }
    }
}
