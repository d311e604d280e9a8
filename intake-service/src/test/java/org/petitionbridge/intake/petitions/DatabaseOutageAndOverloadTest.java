package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.Topics;
import org.petitionbridge.intake.IntakeApplication;
import org.petitionbridge.intake.Petitions;
import org.petitionbridge.intake.TestRegistryKeys;
import org.petitionbridge.kafka.SingleNodeKafka;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.TestTokens;
import org.petitionbridge.testsupport.TopicReader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * Intake at the door when its database is down and when it is overloaded: 503 with Retry-After, within two seconds
 * and at once respectively, and nothing accepted before is lost; and its consumer while the database is down. Intake runs here against a PostgreSQL of its own
 * that the test stops and starts again (same port, same data), and with at most two requests in flight.
 */
class DatabaseOutageAndOverloadTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Path pgData;
    private static int pgPort;
    private static EmbeddedPostgres postgres;
    private static SingleNodeKafka kafka;
    private static ConfigurableApplicationContext intake;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        pgData = Files.createTempDirectory("intake-outage-pg");
        pgPort = SingleNodeKafka.freePort();
        postgres = startPostgres();
        kafka = SingleNodeKafka.temporary().start();
        intake = IntakeApplication.builder().properties(TestRegistryKeys.properties()).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--petition-bridge.http.max-in-flight=2",
                "--petition-bridge.topics.partitions=1",
                "--spring.cloud.stream.kafka.binder.min-partition-count=1",
                "--management.metrics.use-global-registry=false",
                "--spring.jmx.enabled=false",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestTokens.get().jwkSetUri(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestTokens.AUDIENCE);
        port = Integer.parseInt(intake.getEnvironment().getProperty("local.server.port"));
    }

    private static EmbeddedPostgres startPostgres() throws Exception {
        return EmbeddedPostgres.builder().setPort(pgPort).setDataDirectory(pgData).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (intake != null) {
            intake.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (pgData != null) {
            FileSystemUtils.deleteRecursively(pgData);
        }
    }

    private static HttpResponse<String> register(String client) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/petitions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.get().client(client, Role.INTAKE_CHANNEL))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(Petitions.petition("LETTER", "DISASTER_RELIEF", "990101004001",
                        Petitions.person()))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int health() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static long petitionsStored() {
        return JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                postgres.getJdbcUrl("postgres", "postgres"), "postgres", "")).sql("select count(*) from petition")
                .query(Long.class).single();
    }

    @Test
    void whileTheDatabaseIsDownIntakeAnswers503WithinTwoSecondsAndAcceptsAgainWhenItIsBack() throws Exception {
        HttpResponse<String> before = register("channel-db-outage");
        assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
        long stored = petitionsStored();

        postgres.close();
        postgres = null;
        try {
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                HttpResponse<String> during = register("channel-db-outage");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
                assertThat(took).isLessThan(Duration.ofSeconds(2));
                assertThat(during.headers().firstValue("Retry-After")).hasValue("5");
                JsonNode problem = EventCodec.mapper().readTree(during.body());
                assertThat(problem.get("type").asString()).endsWith("unavailable");
                assertThat(problem.get("detail").asString()).contains("cannot reach its database");
            }
        } finally {
            postgres = startPostgres();
        }

        HttpResponse<String> after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> register("channel-db-outage"), r -> r.statusCode() == 201);
        assertThat(EventCodec.mapper().readTree(after.body()).get("petitionNo").asString()).isNotBlank();
        // the refused requests left nothing behind; the one accepted before is still there
        assertThat(petitionsStored()).isEqualTo(stored + 1);
    }

    /**
     * An event consumed while the database is down is not a bad event: it waits (retried every few seconds) and is
     * applied when the database is back, instead of going to the dead-letter topic after three attempts and being
     * lost (which the fault run found: a petition routed during an outage never reached its department).
     */
    @Test
    void anEventConsumedWhileTheDatabaseIsDownIsAppliedWhenItIsBackAndNeverDeadLettered() throws Exception {
        String petitionNo = "XF990101-20261201-%06d".formatted(900_001);
        String deadLetters = Topics.deadLetter(Topics.STATUS, "intake");
        postgres.close();
        postgres = null;
        try (TopicReader dlq = new TopicReader(kafka.bootstrapServers(), List.of(deadLetters))) {
            try {
                TestEvents.publish(kafka.bootstrapServers(), new CaseStatusChanged(petitionNo, "ASSIGNED", null,
                        "ROUTED", null, "JYJ", List.of("T001"), "EDUCATION", "CLAIM", "990101001001", null,
                        Instant.now(), Map.of(), null, Map.of(), List.of(), 1L));
                // Three attempts with the binding's back-off take about 3 s; an outage lasts longer than that.
                List<TopicReader.Read> meanwhile = new ArrayList<>();
                await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            meanwhile.addAll(dlq.poll(Duration.ofMillis(200)));
                            return meanwhile.isEmpty();
                        });
            } finally {
                postgres = startPostgres();
            }
            JdbcClient db = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                    postgres.getJdbcUrl("postgres", "postgres"), "postgres", ""));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> "JYJ".equals(
                    db.sql("select lead from case_status where petition_no = ?").param(petitionNo)
                            .query(String.class).optional().orElse(null)));
            assertThat(dlq.poll(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void beyondItsRequestsInFlightIntakeAnswers503AtOnceAndHealthStillAnswers() throws Exception {
        // Two clients that send their headers and then only part of the body hold both permits, as slow clients do
        // (with a valid token: a request without one is answered 401 before its body is read).
        String token = TestTokens.get().client("channel-slow", Role.INTAKE_CHANNEL);
        // Healthy first (another test of this class may just have started the database again).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> health() == 200);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket("localhost", port);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/petitions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + token + "\r\n"
                        + "Content-Length: 5000\r\n\r\n{\"channel\":").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(socket);
            }
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> register("channel-overload"), r -> r.statusCode() == 503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(EventCodec.mapper().readTree(refused.body()).get("type").asString()).endsWith("overloaded");
            long started = System.nanoTime();
            HttpResponse<String> again = register("channel-overload");
            assertThat(again.statusCode()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));

            assertThat(health()).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        HttpResponse<String> served = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> register("channel-overload"), r -> r.statusCode() != 503);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(201);
    }
}
