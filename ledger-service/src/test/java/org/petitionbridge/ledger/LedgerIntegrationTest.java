package org.petitionbridge.ledger;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.PetitionEvent;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.TrackingCodes;
import org.petitionbridge.testsupport.MutableClock;
import org.petitionbridge.testsupport.MutableClockConfiguration;
import org.petitionbridge.testsupport.ServiceTest;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.TestHttp;
import org.petitionbridge.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the ledger's integration tests: one real broker and one real PostgreSQL for the whole module, a clock
 * the tests can move forward (the deadline scan is not scheduled here: tests call it), and tokens signed by the
 * test issuer ({@link TestTokens}): requests go as the bureau unless a test names another caller.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {LedgerApplication.CONFIG_NAME, "petition-bridge.outbox.poll-interval=100ms",
                "petition-bridge.ledger.deadline-scan-interval=1h",
                "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
                // Every test request comes from 127.0.0.1: a budget no test but the rate-limit test exhausts, and
                // a short period, so that the rate-limit test can wait for the next one.
                "PROGRESS_QUERIES_PER_PERIOD=" + LedgerIntegrationTest.PROGRESS_QUERIES_PER_PERIOD,
                "PROGRESS_QUERIES_PERIOD=2s"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(MutableClockConfiguration.class)
public abstract class LedgerIntegrationTest extends ServiceTest {

    /** The per-address budget of the public progress query in tests (per 2 s). */
    public static final int PROGRESS_QUERIES_PER_PERIOD = 20;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "ledger");
        TestTokens.register(registry);
    }

    /** The bureau, which reads every case: the default caller of {@link #get(String)}. */
    protected static final String BUREAU = "XFJ";

    protected static final HttpClient HTTP = TestHttp.CLIENT;

    @Autowired
    protected MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected static String newPetitionNo() {
        return TestEvents.newPetitionNo();
    }

    /** Publishes an event as its writing service would: CloudEvents headers, JSON body, petition number as key. */
    protected CloudEvent publish(PetitionEvent event) {
        return publish(event, Instant.now());
    }

    protected CloudEvent publish(PetitionEvent event, Instant time) {
        return TestEvents.publish(brokers, event, time);
    }

    protected static PetitionReceived received(String petitionNo, Instant receivedAt, String repeatOf,
            String trackingCodeHash) {
        return new PetitionReceived(petitionNo, "LETTER", receivedAt, receivedAt, "990101002001", "WAGE_ARREARS",
                "CLAIM", "拖欠工资", "包工头拖欠三个月工钱", 1, false,
                List.of(new PetitionReceived.Petitioner("pseudo-" + petitionNo, "王*")), repeatOf, null,
                trackingCodeHash);
    }

    protected static PetitionRouted routed(String petitionNo, String source, String lead, List<String> coHandlers,
            Instant decidedAt) {
        return new PetitionRouted(petitionNo, "d-" + source + "-" + petitionNo, source, lead, coHandlers, "COUNTY",
                "WAGE_ARREARS", "CLAIM", null, List.of(), List.of("category:WAGE_ARREARS"), List.of(), 1,
                "依据规则集 v1：测试", decidedAt);
    }

    /** A case registered now and assigned to RSJ with T002 co-handling. */
    protected String assignedCase() {
        return assignedCase("RSJ", List.of("T002"), null);
    }

    protected JsonNode awaitStatus(String petitionNo, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> r = get("/api/v1/cases/" + petitionNo);
            return r.statusCode() == 200 ? json(r.body()) : null;
        }, c -> c != null && status.equals(c.get("status").asString()));
    }

    /** A case registered now with a tracking code and assigned to {@code lead} with {@code coHandlers}. */
    protected String assignedCase(String lead, List<String> coHandlers, String trackingCode) {
        String petitionNo = newPetitionNo();
        Instant now = clock.instant();
        publish(received(petitionNo, now, null, trackingCode == null ? null : trackingCodeHash(trackingCode)), now);
        publish(routed(petitionNo, "RULE", lead, coHandlers, now.plusMillis(1)), now.plusMillis(1));
        awaitStatus(petitionNo, "ASSIGNED");
        return petitionNo;
    }

    /** The hash intake publishes for a tracking code. */
    protected static String trackingCodeHash(String code) {
        return TrackingCodes.hash(code);
    }

    /** "Bearer ..." of a department's token (its role follows from its kind), or null for no token. */
    protected static String bearer(String department) {
        return department == null ? null : TestTokens.get().bearer(department);
    }

    /** A department's action, with the department's token (no token when department is null). */
    protected HttpResponse<String> act(String petitionNo, String department, String body) throws Exception {
        return TestHttp.send(port, "POST", "/api/v1/cases/" + petitionNo + "/actions", "application/json", body,
                bearer(department), null);
    }

    /** GET as the bureau. */
    protected HttpResponse<String> get(String path) throws Exception {
        return request(path, null, bearer(BUREAU));
    }

    /** GET as the bureau with an Accept header. */
    protected HttpResponse<String> get(String path, String accept) throws Exception {
        return request(path, accept, bearer(BUREAU));
    }

    /** GET as a department (with its token). */
    protected HttpResponse<String> getAs(String department, String path) throws Exception {
        return request(path, null, bearer(department));
    }

    /** GET as a department with an Accept header. */
    protected HttpResponse<String> getAs(String department, String path, String accept) throws Exception {
        return request(path, accept, bearer(department));
    }

    /** GET without a token, as the public (a petitioner) calls. */
    protected HttpResponse<String> getWithoutToken(String path) throws Exception {
        return request(path, null, null);
    }

    /** GET with an Authorization header as given (null: none) and an Accept header (null: none). */
    protected HttpResponse<String> request(String path, String accept, String authorization) throws Exception {
        return TestHttp.send(port, "GET", path, null, null, authorization, accept);
    }

    protected static JsonNode json(String body) {
        return TestHttp.json(body);
    }
}
