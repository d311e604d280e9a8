package org.petitionbridge.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.service.RecordingTransactions;
import org.petitionbridge.service.tracing.EventTracing;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of {@link OutboxWriter}: a transaction's events are written together in one statement just before the
 * commit, those of {@link OutboxWriter#appendLatest} after the others; its events of one subject become one, merged;
 * other subjects keep theirs, in the order they were first changed; a rollback writes none.
 */
class OutboxLatestTest {

    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

    /** The outbox rows written, as "topic key reason". */
    private final List<String> rows = new ArrayList<>();
    /** How many rows each statement wrote. */
    private final List<Integer> statements = new ArrayList<>();
    private final JdbcTemplate jdbc = new JdbcTemplate() {
        @Override
        public int[] batchUpdate(String sql, List<Object[]> batch) {
            for (Object[] args : batch) {
                String payload = new String((byte[]) args[6], StandardCharsets.UTF_8);
                rows.add(args[1] + " " + args[2] + " " + payload.replaceAll(".*\"reason\":\"([^\"]*)\".*", "$1"));
            }
            statements.add(batch.size());
            return new int[batch.size()];
        }
    };
    private final OutboxWriter outbox = new OutboxWriter(jdbc, "/test",
            new OutboxRelay(jdbc, null, null, "test", 10, Duration.ofSeconds(1), Duration.ofSeconds(1),
                    new SimpleMeterRegistry()), EventTracing.none());
    private final TransactionTemplate tx = new TransactionTemplate(new RecordingTransactions());

    @Test
    void aSubjectChangedThriceInOneTransactionIsWrittenOnceMergedAtTheCommit() {
        tx.executeWithoutResult(status -> {
            outbox.appendLatest(triaged("A", "first"), AT, OutboxLatestTest::keepFirstReason);
            outbox.appendLatest(triaged("B", "only"), AT, OutboxLatestTest::keepFirstReason);
            outbox.appendLatest(triaged("A", "second"), AT, OutboxLatestTest::keepFirstReason);
            outbox.appendLatest(triaged("A", "third"), AT, OutboxLatestTest::keepFirstReason);
            assertThat(rows).isEmpty();
        });

        assertThat(rows).containsExactly("petition.triage.v1 A first+third", "petition.triage.v1 B only");
    }

    @Test
    void aTransactionsEventsAreWrittenInOneStatementAtTheCommitTheLatestAfterTheOthers() {
        tx.executeWithoutResult(status -> {
            outbox.appendLatest(triaged("A", "latest"), AT, OutboxLatestTest::keepFirstReason);
            outbox.append(triaged("B", "one"), AT);
            outbox.append(triaged("C", "two"), AT);
            assertThat(rows).isEmpty();
        });
        tx.executeWithoutResult(status -> {
        });

        assertThat(rows).containsExactly("petition.triage.v1 B one", "petition.triage.v1 C two",
                "petition.triage.v1 A latest");
        assertThat(statements).containsExactly(3);
    }

    @Test
    void aRolledBackTransactionWritesNothingAndTheNextStartsAfresh() {
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            outbox.appendLatest(triaged("A", "lost"), AT, OutboxLatestTest::keepFirstReason);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        tx.executeWithoutResult(status -> outbox.appendLatest(triaged("A", "kept"), AT,
                OutboxLatestTest::keepFirstReason));

        assertThat(rows).containsExactly("petition.triage.v1 A kept");
    }

    @Test
    void outsideATransactionItIsTurnedDown() {
        assertThatThrownBy(() -> outbox.appendLatest(triaged("A", "x"), AT, (a, b) -> b))
                .isInstanceOf(IllegalStateException.class);
    }

    private static PetitionTriaged keepFirstReason(PetitionTriaged earlier, PetitionTriaged later) {
        String first = earlier.reason().split("\\+")[0];
        return triaged(later.petitionNo(), first + "+" + later.reason());
    }

    private static PetitionTriaged triaged(String petitionNo, String reason) {
        return new PetitionTriaged(petitionNo, reason, "OTHER", null, List.of(), List.of(), null, 1, AT);
    }
}
