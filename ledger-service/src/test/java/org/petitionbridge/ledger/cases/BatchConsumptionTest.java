package org.petitionbridge.ledger.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.Topics;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.service.deadletters.DeadLetterPublishing;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.TopicReader;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger takes a poll's records at once (EventBatches, a real broker and database): with the binding stopped,
 * six records wait on the topic and come in one poll when it starts again. Every readable one is applied once and
 * in order, the poison among them goes alone to the dead-letter topic, and a second copy of an event (as a relay
 * that died before marking its row sent would write it) is applied once.
 */
class BatchConsumptionTest extends LedgerIntegrationTest {

    private static final String BINDING = "ledgerEvents-in-0";

    @Autowired
    BindingsLifecycleController bindings;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPollWithPoisonAndADuplicateAppliesEveryOtherRecordOnceAndInOrder() throws Exception {
        String a = newPetitionNo();
        String b = newPetitionNo();
        // on a's partition: the order of one poll is that of each partition, not across partitions
        String repeatOfA = onTheSamePartitionAs(a);
        String d = newPetitionNo();
        String poisoned = newPetitionNo();
        Instant now = clock.instant();
        double deadLettersBefore = deadLetters();

        bindings.stop(BINDING);
        try {
            PetitionReceived first = received(a, now, null, null);
            CloudEvent firstEvent = publish(first);
            publish(received(b, now, null, null));
            TopicWriter.send(brokers, Topics.RECEIVED, poisoned,
                    CloudEvent.create("/test", PetitionReceived.TYPE, poisoned, now).toHeaders(), "{not json");
            TestEvents.publish(brokers, Topics.RECEIVED, firstEvent, first);   // the same event again
            publish(received(repeatOfA, now, a, null));                        // needs a's case, opened before it
            publish(received(d, now, null, null));
        } finally {
            bindings.start(BINDING);
        }

        String dlq = Topics.deadLetter(Topics.RECEIVED, "ledger");
        List<String> mine = List.of(a, b, repeatOfA, d, poisoned);
        List<String> deadLettered;
        try (TopicReader reader = new TopicReader(brokers, List.of(dlq))) {
            // poll answers every record read so far
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll(Duration.ofMillis(200)).stream()
                    .anyMatch(r -> poisoned.equals(r.key())));
            deadLettered = reader.poll(Duration.ofSeconds(1)).stream().map(TopicReader.Read::key)
                    .filter(mine::contains).toList();
        }
        assertThat(deadLettered).containsExactly(poisoned);
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters() - deadLettersBefore == 1);

        for (String petitionNo : List.of(a, b, d)) {
            awaitStatus(petitionNo, "REGISTERED");
            List<HistoryEntry> history = List.of(EventCodecs.history(get("/api/v1/cases/" + petitionNo
                    + "/history").body()));
            assertThat(history).extracting(HistoryEntry::action).as("history of %s", petitionNo)
                    .startsWith("OPENED").containsOnlyOnce("OPENED");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/cases/" + repeatOfA).statusCode() == 200);
        assertThat(json(get("/api/v1/cases/" + repeatOfA).body()).get("attachedTo").asString()).isEqualTo(a);
        assertThat(json(get("/api/v1/cases/" + a).body()).get("repeatCount").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/cases/" + poisoned).statusCode()).isEqualTo(404);
    }

    /**
     * A petition's registration and its routing decision come from two topics. Waiting together, they are applied in
     * one transaction by one consumer (one binding reads the three topics; the same key is the same partition number
     * on each): the case's history entries, its opening and its assignment, were written by one transaction
     * (PostgreSQL's xmin). With a binding per
     * topic, two threads applied them in two transactions, each waiting for the other's petition locks. A poison on
     * the second topic goes to that topic's own dead-letter topic and is counted under it.
     */
    @Test
    void aPetitionsEventsOfSeveralTopicsWaitingTogetherAreAppliedInOneTransactionByOneConsumer() throws Exception {
        String petitionNo = newPetitionNo();
        String poisoned = newPetitionNo();
        Instant now = clock.instant();
        double routedDeadLettersBefore = deadLetters(Topics.ROUTED);

        CloudEvent receivedEvent;
        CloudEvent routedEvent;
        bindings.stop(BINDING);
        try {
            receivedEvent = publish(received(petitionNo, now, null, null), now);
            routedEvent = publish(routed(petitionNo, "RULE", "RSJ", List.of("T002"), now.plusMillis(1)),
                    now.plusMillis(1));
            TopicWriter.send(brokers, Topics.ROUTED, poisoned,
                    CloudEvent.create("/test", PetitionRouted.TYPE, poisoned, now).toHeaders(), "{not json");
        } finally {
            bindings.start(BINDING);
        }

        awaitStatus(petitionNo, "ASSIGNED");
        // the case's history: opened, then assigned
        List<Long> transactions = jdbc.sql("select distinct xmin::text::bigint from case_history where petition_no = ?")
                .param(petitionNo).query(Long.class).list();
        assertThat(jdbc.sql("select count(*) from case_history where petition_no = ?").param(petitionNo)
                .query(Integer.class).single()).as("opened and assigned").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = any(?)")
                .param(new String[] {receivedEvent.id(), routedEvent.id()}).query(Integer.class).single())
                .as("neither a received petition nor a routing decision is claimed").isZero();
        assertThat(transactions).as("the transactions that applied both events").hasSize(1);

        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.deadLetter(Topics.ROUTED, "ledger")))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll(Duration.ofMillis(200)).stream()
                    .anyMatch(r -> poisoned.equals(r.key())));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(Topics.ROUTED) - routedDeadLettersBefore == 1);
    }

    /** A new petition number whose records go to the same partition of petition.received.v1 as {@code petitionNo}. */
    private String onTheSamePartitionAs(String petitionNo) throws Exception {
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            partitions = admin.describeTopics(List.of(Topics.RECEIVED)).allTopicNames().get().get(Topics.RECEIVED)
                    .partitions().size();
        }
        String other;
        do {
            other = newPetitionNo();
        } while (partition(other, partitions) != partition(petitionNo, partitions));
        return other;
    }

    /** The partition Kafka's default partitioner chooses for this key. */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private double deadLetters() {
        return deadLetters(Topics.RECEIVED);
    }

    private double deadLetters(String topic) {
        return meters.find(DeadLetterPublishing.METRIC).tag("topic", topic).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
