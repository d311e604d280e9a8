package org.petitionbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.PetitionEvent;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.ServiceTest;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.TestHttp;
import org.petitionbridge.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of intake's integration tests: a real Kafka broker (embedded KRaft) and a real PostgreSQL 17, shared by
 * every test class of the module through Spring's context cache (same configuration, same context). Requests
 * carry test tokens ({@link TestTokens}), checked by intake's real resource-server configuration.
 * <p>
 * Submissions are rate-limited per client: here {@value #SUBMISSIONS_PER_PERIOD} per {@value #SUBMISSIONS_PERIOD}
 * (so that the flood test is cheap). Each test instance (one per test method) therefore submits as its own intake
 * channel client ({@link #submitter()}), and a test that submits more than that uses several clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {IntakeApplication.CONFIG_NAME, "petition-bridge.outbox.poll-interval=100ms",
                "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
                "spring.cloud.stream.bindings.petitionStatus-in-0.consumer.back-off-initial-interval=10",
                "INTAKE_SUBMISSIONS_PER_PERIOD=" + IntakeIntegrationTest.SUBMISSIONS_PER_PERIOD,
                "INTAKE_SUBMISSIONS_PERIOD=" + IntakeIntegrationTest.SUBMISSIONS_PERIOD})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class IntakeIntegrationTest extends ServiceTest {

    /** The submissions one client may send per period in the tests. */
    public static final int SUBMISSIONS_PER_PERIOD = 20;
    public static final String SUBMISSIONS_PERIOD = "10s";

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "intake");
        TestTokens.register(registry);
        TestRegistryKeys.register(registry);
    }

    protected static final HttpClient HTTP = TestHttp.CLIENT;
    protected static final TestTokens TOKENS = TestTokens.get();

    /** The intake channel this test instance submits as: a client of its own, with its own submission budget. */
    private final String submitter = newChannel();

    /** A token of a new intake channel client (role INTAKE_CHANNEL), with a budget of its own. */
    protected String newChannel() {
        return TOKENS.client("channel-" + getClass().getSimpleName().toLowerCase(Locale.ROOT) + "-"
                + CLIENTS.incrementAndGet(), Role.INTAKE_CHANNEL);
    }

    /** The token this test instance submits petitions with. */
    protected String submitter() {
        return submitter;
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** POST as this test's intake channel. */
    protected HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return postWith(submitter, path, contentType, body);
    }

    /** POST with the given raw token (none when null). */
    protected HttpResponse<String> postWith(String token, String path, String contentType, String body)
            throws Exception {
        return TestHttp.send(port, "POST", path, contentType, body, token == null ? null : "Bearer " + token, null);
    }

    protected HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(path, "application/json", body);
    }

    /** POST /api/v1/petitions with an Idempotency-Key, as this test's intake channel. */
    protected HttpResponse<String> postPetition(String body, String idempotencyKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/api/v1/petitions"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .header("Authorization", "Bearer " + submitter)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a petition, checks the 201 and returns the answer. */
    protected JsonNode register(String body) throws Exception {
        HttpResponse<String> response = postJson("/api/v1/petitions", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    /** GET as the bureau (XFJ), which may read everything but the identity of petitions complaining about it. */
    protected HttpResponse<String> get(String path) throws Exception {
        return getAs("XFJ", path);
    }

    /** GET with a token of the department (its role follows from its kind), or without a token when null. */
    protected HttpResponse<String> getAs(String department, String path) throws Exception {
        return getWith(department == null ? null : TOKENS.department(department), path);
    }

    /** GET with the given raw token (none when null). */
    protected HttpResponse<String> getWith(String token, String path) throws Exception {
        return TestHttp.send(port, "GET", path, null, null, token == null ? null : "Bearer " + token, null);
    }

    /** The ledger's change numbers: every case change published here is newer than the one before. */
    private static final java.util.concurrent.atomic.AtomicLong CHANGES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Has the petition handled by {@code lead} and {@code coHandlers} as the ledger would: publishes a
     * petition.status.v1 change (newer than any before) and waits until intake has applied it. A null lead is a case
     * nobody handles (triage).
     */
    protected void handleBy(String petitionNo, String status, String lead, List<String> coHandlers) {
        long sequence = CHANGES.incrementAndGet();
        publish(new CaseStatusChanged(petitionNo, status, null, lead == null ? "TRIAGED" : "ROUTED", null, lead,
                coHandlers, "WAGE_ARREARS", "CLAIM", "990101002001", null, Instant.now(), Map.of(), null, Map.of(),
                List.of(), sequence));
        await().atMost(Duration.ofSeconds(20)).until(() -> Long.valueOf(sequence).equals(jdbc.sql(
                "select sequence from case_status where petition_no = ?").param(petitionNo).query(Long.class)
                .optional().orElse(null)));
    }

    /** Has the ledger assign the petition to a lead department (and co-handlers). */
    protected void route(String petitionNo, String lead, String... coHandlers) {
        handleBy(petitionNo, "ASSIGNED", lead, List.of(coHandlers));
    }

    /** Publishes an event as its writing service would: CloudEvents headers, JSON body, petition number as key. */
    protected CloudEvent publish(PetitionEvent event) {
        return TestEvents.publish(brokers, event);
    }

    protected static JsonNode json(String body) {
        return TestHttp.json(body);
    }

    protected int rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }
}
