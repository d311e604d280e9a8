package org.petitionbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.EventTypes;
import org.petitionbridge.events.PetitionEvent;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of intake's integration tests: a real Kafka broker (embedded KRaft) and a real PostgreSQL 17, shared by
 * every test class of the module through Spring's context cache (same configuration, same context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {IntakeApplication.CONFIG_NAME, "petition-bridge.outbox.poll-interval=100ms",
                "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
                "spring.cloud.stream.bindings.petitionRouted-in-0.consumer.back-off-initial-interval=10",
                "spring.cloud.stream.bindings.petitionStatus-in-0.consumer.back-off-initial-interval=10"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class IntakeIntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "intake");
    }

    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Value("${spring.kafka.bootstrap-servers}")
    protected String brokers;

    @Autowired
    protected JdbcClient jdbc;

    protected HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(path, "application/json", body);
    }

    /** POST /api/v1/petitions with an Idempotency-Key. */
    protected HttpResponse<String> postPetition(String body, String idempotencyKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/petitions"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers a petition, checks the 201 and returns the answer. */
    protected JsonNode register(String body) throws Exception {
        HttpResponse<String> response = postJson("/api/v1/petitions", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET as a department (X-Department header), or without the header when department is null. */
    protected HttpResponse<String> getAs(String department, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (department != null) {
            request.header("X-Department", department);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Publishes an event as its writing service would: CloudEvents headers, JSON body, petition number as key. */
    protected CloudEvent publish(PetitionEvent event) {
        EventTypes.EventType type = EventTypes.of(event.getClass());
        CloudEvent ce = CloudEvent.create("/test", type.type(), event.petitionNo(), Instant.now());
        TopicWriter.send(brokers, type.topic(), event.petitionNo(), ce.toHeaders(),
                new String(EventCodec.toJson(event), StandardCharsets.UTF_8));
        return ce;
    }

    protected static JsonNode json(String body) {
        return EventCodec.mapper().readTree(body);
    }

    protected int rows(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }
}
