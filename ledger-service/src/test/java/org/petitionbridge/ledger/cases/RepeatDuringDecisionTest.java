package org.petitionbridge.ledger.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.Topics;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A repeat arrives while the decision on the petition it repeats is being committed (the two events are on
 * different partitions, so different consumer threads handle them at the same moment). Attaching the repeat must
 * not write back a copy of the original read before the decision committed: the case would lose its assignment,
 * and its departments would no longer find it.
 */
class RepeatDuringDecisionTest extends LedgerIntegrationTest {

    @Autowired
    CaseService cases;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aRepeatAttachedWhileTheOriginalIsBeingAssignedKeepsTheAssignment() throws Exception {
        Instant now = clock.instant();
        String original = newPetitionNo();
        publish(received(original, now, null, null), now);
        awaitStatus(original, "REGISTERED");

        String repeat = newPetitionNo();
        PetitionRouted decision = routed(original, "RULE", "RSJ", List.of("T002"), now.plusMillis(1));
        CloudEvent decisionEvent = CloudEvent.create("/test", PetitionRouted.TYPE, original, now.plusMillis(1));
        PetitionReceived repeated = received(repeat, now.plusMillis(2), original, null);
        CloudEvent repeatEvent = CloudEvent.create("/test", PetitionReceived.TYPE, repeat, now.plusMillis(2));
        CompletableFuture<Void> attaching = new TransactionTemplate(transactions).execute(tx -> {
            // The decision on the original, not yet committed ...
            cases.onRouted(new EventCodec.Received<>(decisionEvent, decision));
            // ... while the repeat is consumed on another thread, which has to wait for the original's lock.
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> cases.onReceived(
                    new EventCodec.Received<>(repeatEvent, repeated)));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "select count(*) from pg_locks where locktype = 'advisory' and not granted")
                    .query(Long.class).single() > 0);
            return other;
        });
        attaching.get(30, TimeUnit.SECONDS);

        Map<String, Object> kase = jdbc.sql("select status, lead, repeat_count from petition_case where petition_no = ?")
                .param(original).query().singleRow();
        assertThat(kase).containsEntry("status", "ASSIGNED").containsEntry("lead", "RSJ")
                .containsEntry("repeat_count", 1);
        assertThat(jdbc.sql("select attached_to from petition_case where petition_no = ?").param(repeat)
                .query(String.class).single()).isEqualTo(original);

        // The two events were handled as their consumers would; they go on their topics too (the consumers skip
        // them as processed), so that a rebuild of the ledger from the topics finds them (LedgerRebuildTest).
        TopicWriter.send(brokers, Topics.ROUTED, original, decisionEvent.toHeaders(),
                new String(EventCodec.toJson(decision), StandardCharsets.UTF_8));
        TopicWriter.send(brokers, Topics.RECEIVED, repeat, repeatEvent.toHeaders(),
                new String(EventCodec.toJson(repeated), StandardCharsets.UTF_8));
    }
}
