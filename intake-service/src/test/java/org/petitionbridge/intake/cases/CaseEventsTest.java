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
import org.petitionbridge.events.consumer.DeadLetterPublishing;
import org.petitionbridge.testsupport.TopicReader;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.beans.factory.annotation.Autowired;

/** intake's consumers: idempotent by event id, a newer decision wins, poison events go to the dead-letter topics. */
class CaseEventsTest extends IntakeIntegrationTest {

    private static int sequence = 500;

    private static String petitionNo() {
        return "XF990101-20261126-%06d".formatted(++sequence);
    }

    private static PetitionRouted routed(String petitionNo, String lead, Instant decidedAt) {
        return new PetitionRouted(petitionNo, UUID.randomUUID().toString(), "RULE", lead, List.of("T001"), "COUNTY",
                "EDUCATION", "CLAIM", null, List.of(), List.of("EDUCATION"), List.of(), 1, "test", decidedAt);
    }

    private String lead(String petitionNo) {
        return jdbc.sql("select lead from assignment where petition_no = ?").param(petitionNo).query(String.class)
                .optional().orElse(null);
    }

    private void send(String topic, CloudEvent event, Object data) {
        TopicWriter.send(brokers, topic, event.subject(), event.toHeaders(),
                new String(EventCodec.toJson(data), StandardCharsets.UTF_8));
    }

    @Test
    void aRedeliveredEventIsAppliedOnceAndAnOlderDecisionNeverReplacesANewerOne() {
        String petitionNo = petitionNo();
        Instant now = Instant.now();
        CloudEvent event = publish(routed(petitionNo, "JYJ", now));
        await().atMost(Duration.ofSeconds(20)).until(() -> "JYJ".equals(lead(petitionNo)));

        // The same event id again, even with other content (a broken producer), is skipped.
        send(Topics.ROUTED, event, routed(petitionNo, "WJJ", now.plusSeconds(10)));
        // A decision older than the one applied (redelivered late) is recorded as processed but changes nothing.
        CloudEvent older = publish(routed(petitionNo, "SJJ", now.minusSeconds(60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from processed_event where event_id = ?")
                .param(older.id()).query(Integer.class).single() == 1);
        assertThat(lead(petitionNo)).isEqualTo("JYJ");
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = ?").param(event.id())
                .query(Integer.class).single()).isEqualTo(1);

        // A newer one replaces it.
        publish(routed(petitionNo, "GAJ", now.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(20)).until(() -> "GAJ".equals(lead(petitionNo)));
    }

    @Autowired
    MeterRegistry meters;

    private double deadLetters(String binding) {
        Counter counter = meters.find(DeadLetterPublishing.METRIC).tag("binding", binding).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void poisonEventsGoToTheDeadLetterTopicsCountedAndDoNotBlockThePartitions() {
        double routedBefore = deadLetters("petitionRouted-in-0");
        double statusBefore = deadLetters("petitionStatus-in-0");
        String poisonNo = petitionNo();
        CloudEvent badRouted = CloudEvent.create("/test", PetitionRouted.TYPE, poisonNo, Instant.now());
        TopicWriter.send(brokers, Topics.ROUTED, poisonNo, badRouted.toHeaders(), "{not json");
        TopicWriter.send(brokers, Topics.ROUTED, poisonNo, Map.of(), "no headers at all");
        // Readable JSON that names no petition.
        send(Topics.ROUTED, CloudEvent.create("/test", PetitionRouted.TYPE, poisonNo, Instant.now()),
                Map.of("lead", "RSJ"));
        CloudEvent badStatus = CloudEvent.create("/test", CaseStatusChanged.TYPE, poisonNo, Instant.now());
        send(Topics.STATUS, badStatus, Map.of("petitionNo", poisonNo));
        // A status event on the routed topic is the wrong type.
        send(Topics.ROUTED, CloudEvent.create("/test", CaseStatusChanged.TYPE, poisonNo, Instant.now()),
                Map.of("petitionNo", poisonNo, "status", "CLOSED"));

        String afterNo = petitionNo();
        publish(routed(afterNo, "JTJ", Instant.now()));
        publish(new CaseStatusChanged(afterNo, "ASSIGNED", "REGISTERED", "ROUTED", null, "JTJ", List.of(), "TRANSPORT",
                "CLAIM", "990101001001", null, Instant.now(), null, null));

        String routedDlq = Topics.deadLetter(Topics.ROUTED, "intake");
        String statusDlq = Topics.deadLetter(Topics.STATUS, "intake");
        try (TopicReader reader = new TopicReader(brokers, List.of(routedDlq, statusDlq))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<TopicReader.Read> all = reader.poll(Duration.ofMillis(200));
                return all.stream().filter(r -> r.topic().equals(routedDlq) && poisonNo.equals(r.key())).count() == 4
                        && all.stream().filter(r -> r.topic().equals(statusDlq) && poisonNo.equals(r.key())).count() == 1;
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "JTJ".equals(lead(afterNo)) && "ASSIGNED".equals(jdbc.sql(
                "select status from case_status where petition_no = ?").param(afterNo).query(String.class)
                .optional().orElse(null)));
        assertThat(lead(poisonNo)).isNull();
        assertThat(deadLetters("petitionRouted-in-0") - routedBefore).isEqualTo(4);
        assertThat(deadLetters("petitionStatus-in-0") - statusBefore).isEqualTo(1);
    }
}
