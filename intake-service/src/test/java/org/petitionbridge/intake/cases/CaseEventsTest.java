package org.petitionbridge.intake.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.Topics;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.service.deadletters.DeadLetterPublishing;
import org.petitionbridge.testsupport.ConsumerGroups;
import org.petitionbridge.testsupport.TopicReader;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * intake's consumer of the ledger's status events: idempotent by the case's sequence, the higher sequence wins, a routing
 * decision changes nobody's access, poison events go to the dead-letter topic.
 */
class CaseEventsTest extends IntakeIntegrationTest {

    private static int sequence = 500;

    private static String petitionNo() {
        return "XF990101-20261126-%06d".formatted(++sequence);
    }

    private static PetitionRouted routed(String petitionNo, String lead, Instant decidedAt) {
        return new PetitionRouted(petitionNo, UUID.randomUUID().toString(), "RULE", lead, List.of("T001"), "COUNTY",
                "EDUCATION", "CLAIM", null, List.of(), List.of("EDUCATION"), List.of(), 1, "test", decidedAt);
    }

    private static CaseStatusChanged status(String petitionNo, String status, String lead, long sequence) {
        return new CaseStatusChanged(petitionNo, status, null, "ROUTED", null, lead,
                lead == null ? List.of() : List.of("T001"), "EDUCATION", "CLAIM", "990101001001", null, Instant.now(),
                Map.of(), null, Map.of(), List.of(), sequence);
    }

    private String lead(String petitionNo) {
        return jdbc.sql("select lead from case_status where petition_no = ?").param(petitionNo).query(String.class)
                .optional().orElse(null);
    }

    private Instant updatedAt(String petitionNo) {
        return jdbc.sql("select updated_at from case_status where petition_no = ?").param(petitionNo)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private void awaitConsumed() {
        ConsumerGroups.awaitCaughtUp(brokers, "intake", Topics.STATUS);
    }

    private void send(String topic, CloudEvent event, Object data) {
        TopicWriter.send(brokers, topic, event.subject(), event.toHeaders(),
                new String(EventCodec.toJson(data), StandardCharsets.UTF_8));
    }

    @Test
    void aRedeliveredEventIsAppliedOnceAndAnOlderCaseNeverReplacesANewerOne() {
        String petitionNo = petitionNo();
        CloudEvent event = publish(status(petitionNo, "ASSIGNED", "JYJ", 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> "JYJ".equals(lead(petitionNo)));

        Instant applied = updatedAt(petitionNo);

        // The same event again, as after a restart before its offset was committed, changes nothing: the case's
        // sequence says it is known (intake records no event ids).
        send(Topics.STATUS, event, status(petitionNo, "ASSIGNED", "JYJ", 2));
        // A change older than the one applied (a lower sequence, redelivered late) changes nothing.
        publish(status(petitionNo, "REGISTERED", null, 1));
        awaitConsumed();
        assertThat(lead(petitionNo)).isEqualTo("JYJ");
        assertThat(updatedAt(petitionNo)).isEqualTo(applied);
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = ?").param(event.id())
                .query(Integer.class).single()).isZero();

        // A newer one replaces it, and a lead of null (triage) removes every handler.
        publish(status(petitionNo, "ASSIGNED", "GAJ", 3));
        await().atMost(Duration.ofSeconds(20)).until(() -> "GAJ".equals(lead(petitionNo)));
        publish(status(petitionNo, "TRIAGE", null, 4));
        await().atMost(Duration.ofSeconds(20)).until(() -> lead(petitionNo) == null);
        assertThat(jdbc.sql("select status from case_status where petition_no = ?").param(petitionNo)
                .query(String.class).single()).isEqualTo("TRIAGE");
    }

    @Test
    void aRoutingDecisionChangesNobodysAccess() {
        // intake consumes no routing topic: only the ledger's case says who handles a petition
        String petitionNo = petitionNo();
        publish(routed(petitionNo, "JYJ", Instant.now()));
        publish(status(petitionNo, "REGISTERED", null, 1));
        await().atMost(Duration.ofSeconds(20)).until(() -> "REGISTERED".equals(jdbc.sql(
                "select status from case_status where petition_no = ?").param(petitionNo).query(String.class)
                .optional().orElse(null)));
        assertThat(lead(petitionNo)).isNull();
    }

    @Autowired
    MeterRegistry meters;

    private double deadLetters(String binding) {
        Counter counter = meters.find(DeadLetterPublishing.METRIC).tag("binding", binding).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void poisonEventsGoToTheDeadLetterTopicCountedAndDoNotBlockThePartition() {
        double statusBefore = deadLetters("petitionStatus-in-0");
        String poisonNo = petitionNo();
        CloudEvent bad = CloudEvent.create("/test", CaseStatusChanged.TYPE, poisonNo, Instant.now());
        TopicWriter.send(brokers, Topics.STATUS, poisonNo, bad.toHeaders(), "{not json");
        TopicWriter.send(brokers, Topics.STATUS, poisonNo, Map.of(), "no headers at all");
        // Readable JSON that names no status.
        send(Topics.STATUS, CloudEvent.create("/test", CaseStatusChanged.TYPE, poisonNo, Instant.now()),
                Map.of("petitionNo", poisonNo));
        // A routing decision on the status topic is the wrong type.
        send(Topics.STATUS, CloudEvent.create("/test", PetitionRouted.TYPE, poisonNo, Instant.now()),
                routed(poisonNo, "RSJ", Instant.now()));

        String afterNo = petitionNo();
        publish(status(afterNo, "ASSIGNED", "JTJ", 2));

        String statusDlq = Topics.deadLetter(Topics.STATUS, "intake");
        try (TopicReader reader = new TopicReader(brokers, List.of(statusDlq))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll(Duration.ofMillis(200)).stream()
                    .filter(r -> poisonNo.equals(r.key())).count() == 4);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "JTJ".equals(lead(afterNo)));
        assertThat(lead(poisonNo)).isNull();
        assertThat(deadLetters("petitionStatus-in-0") - statusBefore).isEqualTo(4);
    }
}
