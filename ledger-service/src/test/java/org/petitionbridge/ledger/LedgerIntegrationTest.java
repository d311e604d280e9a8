package org.petitionbridge.ledger;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.EventTypes;
import org.petitionbridge.events.PetitionEvent;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the ledger's integration tests: one real broker and one real PostgreSQL for the whole module, and a
 * clock the tests can move forward (the deadline scan is not scheduled here: tests call it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {LedgerApplication.CONFIG_NAME, "petition-bridge.outbox.poll-interval=100ms",
                "petition-bridge.ledger.deadline-scan-interval=1h",
                "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(LedgerIntegrationTest.TestClock.class)
public abstract class LedgerIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "ledger");
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger(1000);
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${spring.kafka.bootstrap-servers}")
    protected String brokers;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected static String newPetitionNo() {
        return "XF990101-20261126-%06d".formatted(SEQUENCE.incrementAndGet());
    }

    /** Publishes an event as its writing service would: CloudEvents headers, JSON body, petition number as key. */
    protected CloudEvent publish(PetitionEvent event) {
        return publish(event, Instant.now());
    }

    protected CloudEvent publish(PetitionEvent event, Instant time) {
        EventTypes.EventType type = EventTypes.of(event.getClass());
        CloudEvent ce = CloudEvent.create("/test", type.type(), event.petitionNo(), time);
        TopicWriter.send(brokers, type.topic(), event.petitionNo(), ce.toHeaders(),
                new String(EventCodec.toJson(event), StandardCharsets.UTF_8));
        return ce;
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
        String petitionNo = newPetitionNo();
        Instant now = clock.instant();
        publish(received(petitionNo, now, null, null), now);
        publish(routed(petitionNo, "RULE", "RSJ", List.of("T002"), now.plusMillis(1)), now.plusMillis(1));
        awaitStatus(petitionNo, "ASSIGNED");
        return petitionNo;
    }

    protected JsonNode awaitStatus(String petitionNo, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> r = get("/api/v1/cases/" + petitionNo);
            return r.statusCode() == 200 ? json(r.body()) : null;
        }, c -> c != null && status.equals(c.get("status").asString()));
    }

    protected HttpResponse<String> act(String petitionNo, String department, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/cases/"
                + petitionNo + "/actions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (department != null) {
            request.header("X-Department", department);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(String body) {
        return EventCodec.mapper().readTree(body);
    }
}
