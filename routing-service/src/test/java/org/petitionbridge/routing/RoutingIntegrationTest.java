package org.petitionbridge.routing;

import org.petitionbridge.testsupport.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of routing's integration tests: one real broker and one real PostgreSQL for the whole module. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {RoutingApplication.CONFIG_NAME, "petition-bridge.outbox.poll-interval=100ms",
                "spring.cloud.stream.kafka.binder.brokers=${spring.kafka.bootstrap-servers}",
                "spring.cloud.stream.bindings.petitionReceived-in-0.consumer.back-off-initial-interval=10"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class RoutingIntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, "routing");
    }

    @Value("${spring.kafka.bootstrap-servers}")
    protected String brokers;

    @Autowired
    protected JdbcClient jdbc;
}
