package org.petitionbridge.routing;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.service.deadletters.DeadLetterPublishing;
import org.petitionbridge.testsupport.ConsumerGroups;
import org.petitionbridge.testsupport.ServiceTest;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.TestHttp;
import org.petitionbridge.testsupport.TestTokens;
import org.petitionbridge.testsupport.TopicReader;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of routing's integration tests: one real broker and one real PostgreSQL for the whole module (one Spring
 * context, cached), and helpers to publish petitions and status events, read the decisions from the topics and
 * call the REST API. The REST helpers call as the bureau (XFJ) unless they are given another token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {RoutingApplication.CONFIG_NAME, "petition-bridge.outbox.poll-interval=100ms",
                "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
                "spring.cloud.stream.bindings.routingEvents-in-0.consumer.back-off-initial-interval=10"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class RoutingIntegrationTest extends ServiceTest {

    /** Petition numbers unique across every test class of the JVM (they share one database and one broker). */
    /** One reader of routing's output topics per test class, closed after the class. */
    private static TopicReader outputs;

    /** 东河镇东河村: its township government is T002. */
    protected static final String DONGHE_VILLAGE = "990101002001";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "routing");
        TestTokens.register(registry);
    }

    @Autowired
    protected MeterRegistry meters;

    @AfterAll
    static void closeOutputs() {
        if (outputs != null) {
            outputs.close();
            outputs = null;
        }
    }

    protected static String newPetitionNo() {
        return TestEvents.newPetitionNo();
    }

    protected static PetitionReceived petition(String petitionNo, String division, String category, String subject,
            String content, String complainedAgainst) {
        return new PetitionReceived(petitionNo, "LETTER", Instant.now(), Instant.now(), division, category, null,
                subject, content, 1, false, List.of(new PetitionReceived.Petitioner("pseudo-" + petitionNo, "王*")),
                null, complainedAgainst == null ? null : new PetitionReceived.ComplainedAgainst(complainedAgainst,
                null), null);
    }

    /** Publishes a petition.received.v1 event as intake would; returns its envelope. */
    protected CloudEvent publish(PetitionReceived petition) {
        CloudEvent event = CloudEvent.create("/petition-bridge/intake-service", PetitionReceived.TYPE,
                petition.petitionNo(), Instant.now());
        publish(Topics.RECEIVED, event, petition);
        return event;
    }

    /** Publishes a petition.status.v1 event as the ledger would; returns its envelope. */
    protected CloudEvent publish(CaseStatusChanged status) {
        CloudEvent event = CloudEvent.create("/petition-bridge/ledger-service", CaseStatusChanged.TYPE,
                status.petitionNo(), Instant.now());
        publish(Topics.STATUS, event, status);
        return event;
    }

    /** Publishes an event under a given envelope (the same envelope twice is a redelivery). */
    protected void publish(String topic, CloudEvent event, Object data) {
        TopicWriter.send(brokers, topic, event.subject(), event.toHeaders(),
                new String(EventCodec.toJson(data), StandardCharsets.UTF_8));
    }

    /** A status event of the ledger for a petition. */
    protected static CaseStatusChanged status(String petitionNo, String action, String objectingDepartment) {
        return new CaseStatusChanged(petitionNo, "ASSIGNED", "ASSIGNED", action, objectingDepartment, null,
                List.of(), null, null, DONGHE_VILLAGE, null, Instant.now(), Map.of(), objectingDepartment);
    }

    /** The ledger's change numbers: every case change published by {@link #ledgerSays} is newer than the one before. */
    private static final AtomicInteger CHANGES = new AtomicInteger();

    /**
     * Plays the ledger: publishes its case after a change (status, and who handles it: a null lead is nobody) and
     * waits until routing has applied it. Routing follows the ledger for who handles a petition, never its own
     * decisions, so a department reads a petition's decisions only once the ledger has it handle the petition.
     */
    protected Said ledgerSays(String petitionNo, String status, String action, String lead, List<String> coHandlers,
            Map<String, String> details) {
        long sequence = CHANGES.incrementAndGet();
        CaseStatusChanged change = new CaseStatusChanged(petitionNo, status, null, action, null, lead, coHandlers,
                null, null, DONGHE_VILLAGE, null, Instant.now(), Map.of(), null, details, List.of(), sequence);
        CloudEvent event = publish(change);
        await().atMost(Duration.ofSeconds(20)).until(() -> Long.valueOf(sequence).equals(ledgerSequence(petitionNo)));
        return new Said(event, change);
    }

    /** A status event {@link #ledgerSays} published, to deliver again. */
    protected record Said(CloudEvent event, CaseStatusChanged change) {
    }

    /** The sequence of the ledger's case routing holds, or null before its first status event. */
    protected Long ledgerSequence(String petitionNo) {
        return jdbc.sql("select sequence from ledger_case where petition_no = ?").param(petitionNo)
                .query(Long.class).optional().orElse(null);
    }

    /** The ledger applies the routing decision: the petition is ASSIGNED to the decision's departments. */
    protected Said ledgerApplies(String petitionNo, JsonNode routed) {
        return ledgerSays(petitionNo, "ASSIGNED", "ROUTED", routed.get("lead").asString(), strings(routed.get("coHandlers")),
                Map.of("decisionId", routed.get("decisionId").asString(), "source", routed.get("source").asString()));
    }

    /** Waits for the first record of {@code topic} about the petition whose body matches, and returns its body. */
    protected JsonNode awaitOutput(String topic, String petitionNo, Predicate<JsonNode> matching) {
        TopicReader reader = outputs();
        return await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll(Duration.ofMillis(100)).stream()
                .filter(r -> r.topic().equals(topic) && petitionNo.equals(r.key()))
                .map(r -> EventCodec.mapper().readTree(r.body()))
                .filter(matching)
                .findFirst().orElse(null), body -> body != null);
    }

    /** Waits for the decision on petition.routed.v1 with the given source. */
    protected JsonNode awaitRouted(String petitionNo, String source) {
        return awaitOutput(Topics.ROUTED, petitionNo, body -> source.equals(body.get("source").asString()));
    }

    /** Waits for the petition on petition.triage.v1. */
    protected JsonNode awaitTriage(String petitionNo) {
        return awaitOutput(Topics.TRIAGE, petitionNo, body -> true);
    }

    /** Every record routing wrote so far about a petition, on any of its output topics. */
    protected List<TopicReader.Read> outputsAbout(String petitionNo) {
        return outputs().poll(Duration.ofMillis(100)).stream().filter(r -> petitionNo.equals(r.key())).toList();
    }

    private TopicReader outputs() {
        synchronized (RoutingIntegrationTest.class) {
            if (outputs == null) {
                outputs = new TopicReader(brokers, List.of(Topics.ROUTED, Topics.TRIAGE,
                        Topics.deadLetter(Topics.RECEIVED, "routing"), Topics.deadLetter(Topics.STATUS, "routing")));
            }
            return outputs;
        }
    }

    /**
     * Waits until routing's consumer group has committed every record of a topic that was written so far: after
     * this, whatever routing does with them is done (its effects are committed before the offsets).
     */
    protected void awaitConsumed(String topic) {
        ConsumerGroups.awaitCaughtUp(brokers, "routing", topic);
    }

    protected int decisionCount(String petitionNo) {
        return jdbc.sql("select count(*) from routing_decision where petition_no = ?").param(petitionNo)
                .query(Integer.class).single();
    }

    protected int activeRuleSetVersion() {
        return jdbc.sql("select version from rule_set where active").query(Integer.class).single();
    }

    /** The dead letters counted so far for a consumed topic (0 before the first). */
    protected double deadLetters(String topic) {
        Counter counter = meters.find(DeadLetterPublishing.METRIC).tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The bureau's department code. */
    protected static final String BUREAU = "XFJ";

    /** {@code Bearer <token>} of the bureau (XFJ), which may call every routing endpoint. */
    protected static String bureau() {
        return TestTokens.get().bearer(BUREAU);
    }

    /** GET as the bureau. */
    protected HttpResponse<String> get(String path) {
        return get(path, bureau());
    }

    /** GET with the given Authorization header value, or none when it is null. */
    protected HttpResponse<String> get(String path, String authorization) {
        return TestHttp.send(port, "GET", path, null, null, authorization, null);
    }

    /** POST as the bureau. */
    protected HttpResponse<String> post(String path, String contentType, String body) {
        return post(path, contentType, body, bureau());
    }

    /** POST with the given Authorization header value, or none when it is null. */
    protected HttpResponse<String> post(String path, String contentType, String body, String authorization) {
        return TestHttp.send(port, "POST", path, contentType, body, authorization, null);
    }

    /** POST a JSON body as the bureau. */
    protected HttpResponse<String> postJson(String path, Object body) {
        return post(path, "application/json", EventCodec.mapper().writeValueAsString(body));
    }

    /** The base URL of the running service, e.g. for {@code EndpointMatrix}. */
    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return TestHttp.json(response.body());
    }

    /** The texts of a JSON array. */
    protected static List<String> strings(JsonNode array) {
        return array == null ? List.of() : array.valueStream().map(JsonNode::asString).toList();
    }

    /** The field names of the {@code errors} of a 400 problem-details answer. */
    protected static List<String> problemFields(HttpResponse<String> response) {
        JsonNode errors = json(response).get("errors");
        return errors == null ? List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
    }
}
