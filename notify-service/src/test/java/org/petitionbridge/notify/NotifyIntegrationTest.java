package org.petitionbridge.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** Base of notify's integration tests: one real broker and one real PostgreSQL for the whole module. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {NotifyApplication.CONFIG_NAME,
                "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
                "petition-bridge.notify.allowed-hosts=127.0.0.1",
                "petition-bridge.notify.retry-schedule=100ms,200ms,300ms"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class NotifyIntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "notify");
    }

    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${spring.kafka.bootstrap-servers}")
    protected String brokers;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected CloudEvent publish(PetitionEvent event) {
        EventTypes.EventType type = EventTypes.of(event.getClass());
        CloudEvent ce = CloudEvent.create("/test", type.type(), event.petitionNo(), Instant.now());
        TopicWriter.send(brokers, type.topic(), event.petitionNo(), ce.toHeaders(),
                new String(EventCodec.toJson(event), StandardCharsets.UTF_8));
        return ce;
    }

    protected HttpResponse<String> postJson(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
