package org.petitionbridge.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.PetitionEvent;
import org.petitionbridge.testsupport.ServiceTest;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.TestHttp;
import org.petitionbridge.testsupport.TestTokens;
import org.petitionbridge.testsupport.WebhookReceiver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of notify's integration tests: one real broker and one real PostgreSQL for the whole module, and the test
 * token issuer's key set (every API call carries a department's bearer token, checked by the real resource server
 * configuration). Every test starts without subscriptions (those of earlier tests are ended), so no test receives
 * another's events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {NotifyApplication.CONFIG_NAME,
                "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
                "petition-bridge.notify.allowed-hosts=127.0.0.1",
                "petition-bridge.notify.retry-schedule=100ms,200ms,300ms"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class NotifyIntegrationTest extends ServiceTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "notify");
        TestTokens.register(registry);
    }

    protected static final HttpClient HTTP = TestHttp.CLIENT;

    /** This test's webhook receiver (a real HTTP server on a free port of its own), closed after the test. */
    protected final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    /** The webhook bodies this test's receiver got at {@code path} about the petition, in arrival order. */
    protected List<JsonNode> webhooks(String path, String petitionNo) {
        return webhooks(receiver, path, petitionNo);
    }

    @BeforeEach
    void endEarlierSubscriptions() {
        jdbc.sql("""
                update subscription set active = false, disabled_reason = 'DELETED', disabled_at = now()
                where active or disabled_reason = 'GONE'""").update();
        jdbc.sql("update delivery set status = 'CANCELLED' where status = 'PENDING'").update();
    }

    /** A petition number no other test uses. */
    protected static String newPetitionNo() {
        return TestEvents.newPetitionNo();
    }

    protected CloudEvent publish(PetitionEvent event) {
        return TestEvents.publish(brokers, event);
    }

    /** Publishes with the given envelope (e.g. the same event id twice, as a redelivering broker would). */
    protected void publish(CloudEvent ce, String topic, PetitionEvent event) {
        TestEvents.publish(brokers, topic, ce, event);
    }

    /** {@code Bearer <token>} of a department (XFJ is the bureau, ZFB the supervisor). */
    protected static String bearer(String department) {
        return TestTokens.get().bearer(department);
    }

    /** A request with the given Authorization header value (null: none). */
    protected HttpResponse<String> send(String method, String path, String body, String authorization)
            throws Exception {
        return TestHttp.send(port, method, path, "application/json", body, authorization, null);
    }

    /** A POST of JSON with the department's token. */
    protected HttpResponse<String> postJson(String path, String body, String department) throws Exception {
        return send("POST", path, body, bearer(department));
    }

    /** A GET without a token. */
    protected HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, null);
    }

    /** A GET with the department's token. */
    protected HttpResponse<String> get(String path, String department) throws Exception {
        return send("GET", path, null, bearer(department));
    }

    /** A DELETE with the department's token. */
    protected HttpResponse<String> delete(String path, String department) throws Exception {
        return send("DELETE", path, null, bearer(department));
    }

    /** The webhook bodies the receiver got at {@code path} about the petition, in arrival order. */
    protected static List<JsonNode> webhooks(WebhookReceiver receiver, String path, String petitionNo) {
        return receiver.deliveries().stream().filter(d -> d.path().equals(path) && d.body().contains(petitionNo))
                .map(d -> json(d.body())).toList();
    }

    protected static JsonNode json(String body) {
        return TestHttp.json(body);
    }

    /**
     * Subscribes the department, with its token, with the given JSON fields (the body names no department: the
     * token does); returns the created subscription.
     */
    protected JsonNode subscribe(String department, String fields) throws Exception {
        HttpResponse<String> response = postJson("/api/v1/subscriptions", "{" + fields + "}", department);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode created = json(response.body());
        assertThat(created.get("department").asString()).isEqualTo(department);
        return created;
    }

    /** Every event of the department's feed (all pages), read with the department's token. */
    protected List<JsonNode> feed(String department) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        long after = 0;
        while (true) {
            HttpResponse<String> response = get("/api/v1/feed?after=" + after + "&limit=500", department);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = json(response.body());
            page.get("events").forEach(events::add);
            after = page.get("next").asLong();
            if (!page.get("hasMore").asBoolean()) {
                return events;
            }
        }
    }

    /** The department's feed events of one petition. */
    protected List<JsonNode> feed(String department, String petitionNo) throws Exception {
        return feed(department).stream().filter(e -> petitionNo.equals(e.get("subject").asString())).toList();
    }
}
