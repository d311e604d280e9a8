package org.petitionbridge.routing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.routing.RoutingApplication;
import org.petitionbridge.testsupport.ScramKafka;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TestTokens;
import org.petitionbridge.testsupport.TopicReader;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Kafka security through configuration only (docs/operations.md, "Kafka security"): routing-service runs against a
 * broker that authenticates with SASL/SCRAM-SHA-512 and authorizes with ACLs ({@code StandardAuthorizer},
 * {@code allow.everyone.if.no.acl.found=false}). The service gets its credentials only through the variables
 * service-common.yml reads for every service ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_JAAS_CONFIG}; the
 * mechanism is the default of {@code KAFKA_SASL_MECHANISM}), and its user {@code routing} holds exactly the ACLs of the {@code routing}
 * row of the documented ACL table. The topics are created beforehand (as on a managed cluster; no CREATE grant).
 * An analyst user holds the {@code analyst-*} row and may read {@code petition.analytics.v1} and nothing else.
 * <p>
 * Runs its own broker and its own routing-service application (own database), so the module's cached context and
 * its embedded broker are not touched.
 */
class KafkaSaslScramTest {

    private static final String ROUTING = "routing";
    private static final String ROUTING_PASSWORD = "routing-" + UUID.randomUUID();
    private static final String ANALYST = "analyst-1";
    private static final String ANALYST_PASSWORD = "analyst-" + UUID.randomUUID();
    /** 东河镇东河村: a wage-arrears petition from there is routed to RSJ by rule. */
    private static final String DONGHE_VILLAGE = "990101002001";
    private static final String RECEIVED_DLQ = Topics.deadLetter(Topics.RECEIVED, ROUTING);
    private static final String STATUS_DLQ = Topics.deadLetter(Topics.STATUS, ROUTING);
    /**
     * Every topic routing touches (its two inputs, its two outputs, its two dead-letter topics) plus the other
     * platform topics, created beforehand with the service's default partition count (KAFKA_PARTITIONS=3), as an
     * operator would on a managed cluster.
     */
    private static final List<String> TOPICS = List.of(Topics.RECEIVED, Topics.STATUS, Topics.ROUTED, Topics.TRIAGE,
            RECEIVED_DLQ, STATUS_DLQ, Topics.DEADLINE, Topics.ANALYTICS);

    private static ScramKafka kafka;
    private static ConfigurableApplicationContext routing;
    private static TopicReader outputs;

    @BeforeAll
    static void start() throws Exception {
        kafka = ScramKafka.start();
        try (Admin admin = kafka.admin()) {
            admin.createTopics(TOPICS.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        kafka.addUser(ROUTING, ROUTING_PASSWORD);
        kafka.allow(routingRow());
        kafka.addUser(ANALYST, ANALYST_PASSWORD);
        kafka.allow(analystRow(ANALYST));

        routing = RoutingApplication.builder().run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + kafka.saslBootstrapServers(),
                // Needed only in this JVM: the module's @EmbeddedKafka sets the system property
                // spring.kafka.bootstrap-servers, which in the binder's child context outranks a command-line
                // spring.kafka.bootstrap-servers (the binder's consumers would go to the embedded broker).
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.saslBootstrapServers(),
                // The security, only through the variables service-common.yml reads.
                "--KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT",
                "--KAFKA_SASL_JAAS_CONFIG=" + ScramKafka.jaasConfig(ROUTING, ROUTING_PASSWORD),
                "--spring.datasource.url=" + TestDatabase.jdbcUrl("routing_sasl"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--petition-bridge.outbox.poll-interval=100ms",
                "--spring.cloud.stream.bindings.routingEvents-in-0.consumer.back-off-initial-interval=10",
                "--management.metrics.use-global-registry=false",
                "--spring.jmx.enabled=false",
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestTokens.get().jwkSetUri(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestTokens.AUDIENCE);
        outputs = new TopicReader(kafka.plaintextBootstrapServers(), List.of(Topics.ROUTED, Topics.TRIAGE,
                RECEIVED_DLQ));
    }

    @AfterAll
    static void stop() {
        if (outputs != null) {
            outputs.close();
        }
        if (routing != null) {
            routing.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The {@code routing} row of docs/operations.md's ACL table, and nothing more. */
    private static AclBinding[] routingRow() {
        String user = "User:" + ROUTING;
        List<AclBinding> acls = new ArrayList<>();
        for (String topic : List.of(Topics.ROUTED, Topics.TRIAGE)) {
            acls.add(acl(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            acls.add(acl(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
        for (String prefix : List.of(Topics.RECEIVED + ".routing.", Topics.STATUS + ".routing.")) {
            acls.add(acl(user, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.WRITE));
            acls.add(acl(user, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.DESCRIBE));
        }
        for (String topic : List.of(Topics.RECEIVED, Topics.STATUS)) {
            acls.add(acl(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            acls.add(acl(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
        acls.add(acl(user, ResourceType.GROUP, ROUTING, PatternType.LITERAL, AclOperation.READ));
        return acls.toArray(AclBinding[]::new);
    }

    /** The {@code analyst-*} row: READ and DESCRIBE on petition.analytics.v1, READ on groups prefixed analytics-. */
    private static AclBinding[] analystRow(String analyst) {
        String user = "User:" + analyst;
        return new AclBinding[] {
                acl(user, ResourceType.TOPIC, Topics.ANALYTICS, PatternType.LITERAL, AclOperation.READ),
                acl(user, ResourceType.TOPIC, Topics.ANALYTICS, PatternType.LITERAL, AclOperation.DESCRIBE),
                acl(user, ResourceType.GROUP, "analytics-", PatternType.PREFIXED, AclOperation.READ)};
    }

    private static AclBinding acl(String principal, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static PetitionReceived wageArrears(String petitionNo) {
        return new PetitionReceived(petitionNo, "LETTER", Instant.now(), Instant.now(), DONGHE_VILLAGE,
                "WAGE_ARREARS", null, "欠薪", "欠薪", 1, false,
                List.of(new PetitionReceived.Petitioner("pseudo-" + petitionNo, "王*")), null, null, null);
    }

    /** Waits for the first record routing wrote to {@code topic} under {@code key}. */
    private static TopicReader.Read awaitOutput(String topic, String key) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> outputs.poll(Duration.ofMillis(100)).stream()
                .filter(r -> r.topic().equals(topic) && key.equals(r.key()))
                .findFirst().orElse(null), read -> read != null);
    }

    @Test
    void routingConsumesAndPublishesWithItsScramUserAndTheDocumentedAcls() {
        String petitionNo = "XF990101-20261126-900001";
        CloudEvent event = CloudEvent.create("/petition-bridge/intake-service", PetitionReceived.TYPE, petitionNo,
                Instant.now());
        TopicWriter.send(kafka.plaintextBootstrapServers(), Topics.RECEIVED, petitionNo, event.toHeaders(),
                new String(EventCodec.toJson(wageArrears(petitionNo)), StandardCharsets.UTF_8));

        // Consumed by the SCRAM consumer of group routing, decided, and published by the outbox relay's producer.
        JsonNode routed = EventCodec.mapper().readTree(awaitOutput(Topics.ROUTED, petitionNo).body());
        assertThat(routed.get("source").asString()).isEqualTo("RULE");
        assertThat(routed.get("lead").asString()).isEqualTo("RSJ");
        assertThat(routing.getBean(KafkaProperties.class).buildAdminProperties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", ScramKafka.MECHANISM);
        // Nothing routing did so far (startup: topic checks, group join, offsets; consuming; publishing) was refused.
        assertThat(kafka.denials(ROUTING)).isEmpty();
    }

    @Test
    void aPoisonEventIsDeadLetteredWithTheRoutingUsersPrefixGrant() {
        String poisonNo = "XF990101-20261126-900002";
        CloudEvent poison = CloudEvent.create("/test", PetitionReceived.TYPE, poisonNo, Instant.now());
        TopicWriter.send(kafka.plaintextBootstrapServers(), Topics.RECEIVED, poisonNo, poison.toHeaders(),
                "{not json");

        TopicReader.Read deadLetter = awaitOutput(RECEIVED_DLQ, poisonNo);
        assertThat(deadLetter.body()).isEqualTo("{not json");
        assertThat(deadLetter.headers()).containsEntry("kafka_dlt-original-topic", Topics.RECEIVED);
        assertThat(kafka.denials(ROUTING)).isEmpty();
    }

    @Test
    void theSameSettingsWithAWrongPasswordFailAuthentication() {
        Map<String, Object> settings = new HashMap<>(routing.getBean(KafkaProperties.class).buildAdminProperties());
        assertThat(settings.get("sasl.jaas.config").toString()).contains("username=\"routing\"");
        settings.put("sasl.jaas.config", ScramKafka.jaasConfig(ROUTING, "not-" + ROUTING_PASSWORD));

        try (Admin admin = Admin.create(settings)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            assertThatThrownBy(() -> consumer.partitionsFor(Topics.RECEIVED, Duration.ofSeconds(10)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static KafkaConsumer<String, byte[]> analystConsumer(String group) {
        Properties props = new Properties();
        props.putAll(kafka.saslClient(ANALYST, ANALYST_PASSWORD));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Test
    void anAnalystReadsTheAnalyticsStreamAndNothingElse() throws Exception {
        String key = "XF990101-20261126-900003";
        TopicWriter.send(kafka.plaintextBootstrapServers(), Topics.ANALYTICS, key, Map.of(), "{\"analytics\":1}");

        try (KafkaConsumer<String, byte[]> consumer = analystConsumer("analytics-test")) {
            consumer.subscribe(List.of(Topics.ANALYTICS));
            List<String> read = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.key()));
                return read.contains(key);
            });
        }

        // Every other topic: the personal-data streams and the internal ones.
        for (String topic : List.of(Topics.RECEIVED, Topics.STATUS, Topics.ROUTED, Topics.TRIAGE, Topics.DEADLINE)) {
            try (KafkaConsumer<String, byte[]> consumer = analystConsumer("analytics-test")) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(500)))
                                .isInstanceOfSatisfying(TopicAuthorizationException.class,
                                        e -> assertThat(e.unauthorizedTopics()).containsExactly(topic)));
            }
        }

        // A group outside the analytics- prefix, e.g. routing's own: refused before any topic is looked at.
        try (KafkaConsumer<String, byte[]> consumer = analystConsumer(ROUTING)) {
            consumer.subscribe(List.of(Topics.ANALYTICS));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(500)))
                            .isInstanceOf(GroupAuthorizationException.class));
        }

        assertThat(kafka.denials(ANALYST)).contains("DESCRIBE Topic:LITERAL:" + Topics.RECEIVED + " (Metadata)",
                "DESCRIBE Group:LITERAL:routing (FindCoordinator)");

        // Read only: the analyst cannot write the analytics stream either.
        Properties producerProps = new Properties();
        producerProps.putAll(kafka.saslClient(ANALYST, ANALYST_PASSWORD));
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "1");
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ANALYTICS, key, "forged"))
                    .get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }
}
