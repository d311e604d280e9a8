package org.petitionbridge.ledger.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.Topics;
import org.petitionbridge.service.deadletters.DeadLetterPublishing;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.testsupport.TopicReader;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.beans.factory.annotation.Autowired;

/** An event the ledger cannot read goes to its dead-letter topic, is counted, and blocks nothing behind it. */
class PoisonEventTest extends LedgerIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private double deadLetters() {
        return meters.find(DeadLetterPublishing.METRIC).tag("topic", Topics.ROUTED).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aPoisonDecisionIsDeadLetteredAndCountedAndTheNextDecisionStillApplies() {
        double before = deadLetters();
        String poisoned = newPetitionNo();
        TopicWriter.send(brokers, Topics.ROUTED, poisoned,
                CloudEvent.create("/test", PetitionRouted.TYPE, poisoned, Instant.now()).toHeaders(), "{not json");
        TopicWriter.send(brokers, Topics.ROUTED, poisoned, Map.of(), "no CloudEvents headers");
        String healthy = assignedCase();   // its decision is behind the poison on the same topic

        String dlq = Topics.deadLetter(Topics.ROUTED, "ledger");
        try (TopicReader reader = new TopicReader(brokers, List.of(dlq))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll(Duration.ofMillis(200)).stream()
                    .filter(r -> poisoned.equals(r.key())).count() == 2);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters() - before == 2);
        assertThat(awaitStatus(healthy, "ASSIGNED").get("lead").asString()).isEqualTo("RSJ");
    }
}
