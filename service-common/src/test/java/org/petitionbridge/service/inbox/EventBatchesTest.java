package org.petitionbridge.service.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.InvalidEventException;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.service.RecordingTransactions;
import org.petitionbridge.service.tracing.EventTracing;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rules of a consumed batch (the integration test with a real broker and database is the ledger's
 * BatchConsumptionTest): one transaction for the poll; a poison record alone to the error handler, after the records
 * before it are committed; a failing handler rolled back and the records before it committed on their own.
 */
class EventBatchesTest {

    private final RecordingTransactions transactions = new RecordingTransactions();
    private final List<String> claims = new ArrayList<>();
    private final ProcessedEvents processed = new ProcessedEvents(null) {
        @Override
        public void claim(List<CloudEvent> events) {
            claims.add(events.stream().map(e -> e.subject()).toList().toString());
        }
    };
    /** What each transaction handled, by petition number, and whether it committed. */
    private final List<String> handled = new ArrayList<>();
    /** The locks each transaction took before its handlers, as scope and keys. */
    private final List<String> locked = new ArrayList<>();
    private final EventBatches batches = new EventBatches(transactions, processed, EventTracing.none(),
            (scope, keys) -> {
                locked.add(scope + " " + keys);
                handled.add("locked");
            });

    @Test
    void aPollIsHandledInOrderInOneTransactionWithOneClaim() {
        consumer(p -> { }).accept(batch("A", "B", "C", "D"));

        assertThat(handled).containsExactly("A", "B", "C", "D");
        assertThat(transactions.outcomes).containsExactly("commit");
        assertThat(claims).containsExactly("[A, B, C, D]");
    }

    @Test
    void aPoisonRecordIsReportedByItsIndexAfterTheRecordsBeforeItAreCommitted() {
        Message<List<byte[]>> batch = batch("A", "B", null, "D");

        assertThatThrownBy(() -> consumer(p -> { }).accept(batch))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(2);
                    assertThat(e.getCause()).isInstanceOf(InvalidEventException.class);
                });
        assertThat(handled).containsExactly("A", "B");
        assertThat(transactions.outcomes).containsExactly("commit");
    }

    @Test
    void aPoisonRecordFirstInItsPollOpensNoTransaction() {
        assertThatThrownBy(() -> consumer(p -> { }).accept(batch(null, "B")))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isZero());
        assertThat(transactions.outcomes).isEmpty();
    }

    @Test
    void aFailingHandlerRollsBackAndTheRecordsBeforeItAreCommittedAloneThenItIsReportedByItsIndex() {
        IllegalStateException failure = new IllegalStateException("C cannot be handled");
        Message<List<byte[]>> batch = batch("A", "B", "C", "D");

        assertThatThrownBy(() -> consumer(p -> {
            if (p.equals("C")) {
                throw failure;
            }
        }).accept(batch)).isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
            assertThat(e.getIndex()).isEqualTo(2);
            assertThat(e.getCause()).isSameAs(failure);
        });
        assertThat(handled).containsExactly("A", "B", "C", "A", "B");
        assertThat(transactions.outcomes).containsExactly("rollback", "commit");
    }

    @Test
    void aFailingFirstHandlerIsReportedWithoutASecondTransaction() {
        assertThatThrownBy(() -> consumer(p -> {
            throw new IllegalStateException("no");
        }).accept(batch("A", "B"))).isInstanceOfSatisfying(BatchListenerFailedException.class,
                e -> assertThat(e.getIndex()).isZero());
        assertThat(transactions.outcomes).containsExactly("rollback");
    }

    @Test
    void aCommitThatFailsReportsTheWholePollFromItsFirstRecord() {
        transactions.failCommit = true;

        assertThatThrownBy(() -> consumer(p -> { }).accept(batch("A", "B")))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isZero();
                    assertThat(e.getCause()).isInstanceOf(TransactionSystemException.class);
                });
        assertThat(handled).containsExactly("A", "B");
    }

    @Test
    void deferredWritesAreFlushedAfterTheLastHandlerAndBeforeTheCommit() {
        List<String> flushed = new ArrayList<>();
        consumer(deferring(flushed, written -> { })).accept(batch("A", "B", "C"));

        assertThat(flushed).containsExactly("[A, B, C]");
        assertThat(transactions.outcomes).containsExactly("commit");
    }

    @Test
    void deferredWritesThatFailCommitTheRecordsOneByOneUpToTheOneTheyFailForWhichIsReportedByItsIndex() {
        List<String> flushed = new ArrayList<>();
        IllegalStateException failure = new IllegalStateException("C's row is turned down");
        Message<List<byte[]>> batch = batch("A", "B", "C", "D");

        assertThatThrownBy(() -> consumer(deferring(flushed, written -> {
            if (written.contains("C")) {
                throw failure;
            }
        })).accept(batch)).isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
            assertThat(e.getIndex()).isEqualTo(2);
            assertThat(e.getCause()).isSameAs(failure);
        });
        assertThat(handled).containsExactly("A", "B", "C", "D", "A", "B", "C");
        assertThat(flushed).containsExactly("[A]", "[B]");
        assertThat(transactions.outcomes).containsExactly("rollback", "commit", "commit", "rollback");
    }

    @Test
    void deferredWritesThatFailOnceAreMadeRecordByRecordAndNothingIsReported() {
        List<String> flushed = new ArrayList<>();
        boolean[] failedOnce = {false};

        consumer(deferring(flushed, written -> {
            if (!failedOnce[0]) {
                failedOnce[0] = true;
                throw new IllegalStateException("the database went away for a moment");
            }
        })).accept(batch("A", "B"));

        assertThat(flushed).containsExactly("[A]", "[B]");
        assertThat(transactions.outcomes).containsExactly("rollback", "commit", "commit");
    }

    @Test
    void aFailingHandlerAfterRecordsWhoseDeferredWritesFailReportsTheFirstRecordTheyFailFor() {
        List<String> flushed = new ArrayList<>();
        Consumer<String> deferring = deferring(flushed, written -> {
            if (written.contains("A")) {
                throw new IllegalStateException("A's row is turned down");
            }
        });

        assertThatThrownBy(() -> consumer(p -> {
            if (p.equals("C")) {
                throw new IllegalStateException("C cannot be handled");
            }
            deferring.accept(p);
        }).accept(batch("A", "B", "C"))).isInstanceOfSatisfying(BatchListenerFailedException.class,
                e -> assertThat(e.getIndex()).isZero());
        assertThat(flushed).isEmpty();
        assertThat(transactions.outcomes).containsExactly("rollback", "rollback", "rollback");
    }

    @Test
    void aPreparingStepSeesTheTransactionsEventsInTheOrderOfThePollBeforeTheFirstHandler() {
        batches.multiplexedSerial("planning")
                .preparing(events -> handled.add("prepared " + events.stream()
                        .map(e -> ((PetitionTriaged) e).petitionNo()).toList()))
                .on(PetitionTriaged.class, received -> handled.add(received.data().petitionNo()))
                .consumer().accept(batch("A", "B"));

        assertThat(handled).containsExactly("locked", "prepared [A, B]", "A", "B");
    }

    @Test
    void aPreparingStepThatFailsCommitsTheRecordsOneByOneUpToTheOneItFailsFor() {
        Message<List<byte[]>> batch = batch("A", "B", "C");

        assertThatThrownBy(() -> batches.multiplexedSerial("planning")
                .preparing(events -> {
                    if (events.stream().anyMatch(e -> ((PetitionTriaged) e).petitionNo().equals("B"))) {
                        throw new IllegalStateException("B cannot be prepared");
                    }
                })
                .on(PetitionTriaged.class, received -> handled.add(received.data().petitionNo()))
                .consumer().accept(batch)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                        e -> assertThat(e.getIndex()).isEqualTo(1));
        assertThat(handled).containsExactly("locked", "locked", "A", "locked");
        assertThat(transactions.outcomes).containsExactly("rollback", "commit", "rollback");
    }

    /**
     * An effect that defers its write to the flush of the transaction: {@code write} gets the petitions the
     * transaction handled, and {@code flushed} lists what each successful flush wrote.
     */
    private static Consumer<String> deferring(List<String> flushed, Consumer<List<String>> write) {
        return petitionNo -> {
            @SuppressWarnings("unchecked")
            List<String> pending = (List<String>) TransactionSynchronizationManager.getResource(flushed);
            if (pending == null) {
                List<String> buffer = new ArrayList<>();
                TransactionSynchronizationManager.bindResource(flushed, buffer);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void flush() {
                        if (!buffer.isEmpty()) {
                            write.accept(buffer);
                            flushed.add(buffer.toString());
                            buffer.clear();
                        }
                    }

                    @Override
                    public void beforeCommit(boolean readOnly) {
                        flush();
                    }

                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResource(flushed);
                    }
                });
                pending = buffer;
            }
            pending.add(petitionNo);
        };
    }

    @Test
    void aBindingsLocksOfEveryEventOfThePollAreTakenOnceBeforeItsFirstHandler() {
        batches.multiplexed("petition").on(PetitionTriaged.class, t -> List.of(t.petitionNo(), "Z"),
                        received -> handled.add(received.data().petitionNo()))
                .consumer().accept(batch("B", "A", "B"));

        assertThat(locked).containsExactly("petition [B, Z, A]");
        assertThat(handled).containsExactly("locked", "B", "A", "B");
    }

    @Test
    void aSerialBindingTakesOneLockPerTransaction() {
        batches.multiplexedSerial("planning").on(PetitionTriaged.class,
                received -> handled.add(received.data().petitionNo())).consumer().accept(batch("A", "B"));

        assertThat(locked).containsExactly("planning [batch]");
    }

    @Test
    void aBindingWithoutLocksTakesNone() {
        consumer(p -> { }).accept(batch("A"));

        assertThat(locked).isEmpty();
    }

    @Test
    void aMultiplexedBindingHandsEachRecordToTheHandlerOfItsTypeInOneTransactionWithTheLocksOfAll() {
        Consumer<Message<List<byte[]>>> consumer = batches.multiplexed("petition")
                .on(PetitionTriaged.class, t -> List.of(t.petitionNo()),
                        received -> handled.add("triaged " + received.data().petitionNo()))
                .on(PetitionRouted.class, r -> List.of(r.petitionNo(), r.petitionNo() + "'"),
                        received -> handled.add("routed " + received.data().petitionNo()))
                .consumer();

        consumer.accept(mixed(PetitionTriaged.TYPE, "A", PetitionRouted.TYPE, "B", PetitionTriaged.TYPE, "B"));

        assertThat(locked).containsExactly("petition [A, B, B']");
        // type by type, in the order the binding names them; each type's records in the order of the poll
        assertThat(handled).containsExactly("locked", "triaged A", "triaged B", "routed B");
        assertThat(transactions.outcomes).containsExactly("commit");
        assertThat(claims).containsExactly("[A, B, B]");
    }

    @Test
    void theEventsOfATypeIdempotentByItsOwnKeysAreHandledInTheTransactionButNotClaimed() {
        Consumer<Message<List<byte[]>>> consumer = multiplexed(Set.of()).idempotent(PetitionRouted.class).consumer();

        consumer.accept(mixed(PetitionRouted.TYPE, "A", PetitionTriaged.TYPE, "B", PetitionRouted.TYPE, "C"));

        assertThat(handled).containsExactly("locked", "triaged B", "routed A", "routed C");
        assertThat(transactions.outcomes).containsExactly("commit");
        assertThat(claims).containsExactly("[B]");
    }

    @Test
    void aBindingWhoseOnlyTypeIsIdempotentClaimsNothing() {
        batches.idempotent(PetitionTriaged.class, received -> handled.add(received.data().petitionNo()))
                .accept(batch("A", "B"));

        assertThat(handled).containsExactly("A", "B");
        assertThat(claims).containsExactly("[]");
    }

    @Test
    void aTypeIsSaidIdempotentOnlyAfterItsHandlerIsNamed() {
        assertThatThrownBy(() -> batches.multiplexed("petition").idempotent(PetitionRouted.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(PetitionRouted.TYPE);
    }

    @Test
    void aHandlerThatFailsInAMultiplexedPollIsReportedByItsIndexInThePollWithOnlyTheRecordsBeforeItCommitted() {
        Consumer<Message<List<byte[]>>> consumer = multiplexedFailingOn(Set.of("triaged B"));

        // handled triaged B first, which fails: routed A, before it in the poll, is committed alone
        assertThatThrownBy(() -> consumer.accept(mixed(PetitionRouted.TYPE, "A", PetitionTriaged.TYPE, "B",
                PetitionRouted.TYPE, "C"))).isInstanceOfSatisfying(BatchListenerFailedException.class,
                        e -> assertThat(e.getIndex()).isEqualTo(1));
        assertThat(handled).containsExactly("locked", "triaged B", "locked", "routed A");
        assertThat(transactions.outcomes).containsExactly("rollback", "commit");
    }

    @Test
    void aRecordBeforeTheFailingOneThatFailsTooIsReportedInsteadAndNothingAfterItIsCommitted() {
        Consumer<Message<List<byte[]>>> consumer = multiplexedFailingOn(Set.of("triaged C", "routed B"));

        // triaged C (index 2) fails first; of A and B, handled again alone, B fails: only A is committed
        assertThatThrownBy(() -> consumer.accept(mixed(PetitionRouted.TYPE, "A", PetitionRouted.TYPE, "B",
                PetitionTriaged.TYPE, "C"))).isInstanceOfSatisfying(BatchListenerFailedException.class,
                        e -> assertThat(e.getIndex()).isEqualTo(1));
        assertThat(handled).containsExactly("locked", "triaged C", "locked", "routed A", "routed B", "locked",
                "routed A");
        assertThat(transactions.outcomes).containsExactly("rollback", "rollback", "commit");
    }

    @Test
    void aRecordOfATypeAMultiplexedBindingDoesNotTakeIsPoisonNamingTheTypesItTakes() {
        Consumer<Message<List<byte[]>>> consumer = batches.multiplexed("petition")
                .on(PetitionTriaged.class, t -> List.of(t.petitionNo()),
                        received -> handled.add("triaged " + received.data().petitionNo()))
                .on(PetitionRouted.class, r -> List.of(r.petitionNo()),
                        received -> handled.add("routed " + received.data().petitionNo()))
                .consumer();

        assertThatThrownBy(() -> consumer.accept(mixed(PetitionRouted.TYPE, "A", "petition.status.v1", "B")))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).hasMessage("this binding takes events of types [petition.routed.v1,"
                            + " petition.triage.v1], not petition.status.v1");
                });
        assertThat(handled).containsExactly("locked", "routed A");
        assertThat(transactions.outcomes).containsExactly("commit");
    }

    @Test
    void aSerialMultiplexedBindingTakesOneLockPerTransactionWhateverTheTypes() {
        batches.multiplexedSerial("planning")
                .on(PetitionTriaged.class, received -> handled.add("triaged " + received.data().petitionNo()))
                .on(PetitionRouted.class, received -> handled.add("routed " + received.data().petitionNo()))
                .consumer().accept(mixed(PetitionRouted.TYPE, "A", PetitionTriaged.TYPE, "B"));

        assertThat(locked).containsExactly("planning [batch]");
        assertThat(handled).containsExactly("locked", "triaged B", "routed A");
    }

    @Test
    void aMultiplexedBindingTakesOneHandlerPerType() {
        EventBatches.Multiplexed binding = batches.multiplexed("petition")
                .on(PetitionTriaged.class, t -> List.of(), received -> { });

        assertThatThrownBy(() -> binding.on(PetitionTriaged.class, t -> List.of(), received -> { }))
                .hasMessage("two handlers for petition.triage.v1");
    }

    @Test
    void aConsumerOutsideBatchModeIsTurnedDownWithTheSettingToChange() {
        Message<List<byte[]>> single = MessageBuilder.withPayload(List.of(new byte[0])).build();

        assertThatThrownBy(() -> consumer(p -> { }).accept(single)).hasMessageContaining("batch-mode");
    }

    private Consumer<Message<List<byte[]>>> consumer(Consumer<String> effect) {
        return batches.of(PetitionTriaged.class, received -> {
            handled.add(received.data().petitionNo());
            effect.accept(received.data().petitionNo());
        });
    }

    /** Triage before routing decisions; a handler throws for the events named ("triaged B", "routed A"). */
    private Consumer<Message<List<byte[]>>> multiplexedFailingOn(Set<String> failing) {
        return multiplexed(failing).consumer();
    }

    /** The binding of {@link #multiplexedFailingOn}, to say more of it before its consumer. */
    private EventBatches.Multiplexed multiplexed(Set<String> failing) {
        Consumer<String> effect = event -> {
            handled.add(event);
            if (failing.contains(event)) {
                throw new IllegalStateException(event + " cannot be handled");
            }
        };
        return batches.multiplexed("petition")
                .on(PetitionTriaged.class, t -> List.of(t.petitionNo()),
                        received -> effect.accept("triaged " + received.data().petitionNo()))
                .on(PetitionRouted.class, r -> List.of(r.petitionNo()),
                        received -> effect.accept("routed " + received.data().petitionNo()));
    }

    /** A poll of events of several types: pairs of type and petition number (the body names only the petition). */
    private static Message<List<byte[]>> mixed(String... typesAndPetitions) {
        List<byte[]> payloads = new ArrayList<>();
        List<Map<String, Object>> headers = new ArrayList<>();
        for (int i = 0; i < typesAndPetitions.length; i += 2) {
            String petitionNo = typesAndPetitions[i + 1];
            payloads.add(EventCodec.toJson(Map.of("petitionNo", petitionNo)));
            headers.add(new HashMap<>(CloudEvent.create("/test", typesAndPetitions[i], petitionNo,
                    Instant.parse("2026-12-01T08:00:00Z")).toHeaders()));
        }
        return MessageBuilder.withPayload(payloads).setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers).build();
    }

    /** A poll of triage events for these petitions; null is a record without CloudEvents headers. */
    private static Message<List<byte[]>> batch(String... petitions) {
        List<byte[]> payloads = new ArrayList<>();
        List<Map<String, Object>> headers = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (String petitionNo : petitions) {
            PetitionTriaged t = new PetitionTriaged(petitionNo == null ? "X" : petitionNo, "NO_RULE", "OTHER", null,
                    List.of(), List.of(), null, 1, Instant.parse("2026-12-01T08:00:00Z"));
            payloads.add(EventCodec.toJson(t));
            Map<String, Object> h = new HashMap<>();
            if (petitionNo != null) {
                h.putAll(CloudEvent.create("/test", PetitionTriaged.TYPE, petitionNo, t.triagedAt()).toHeaders());
            }
            headers.add(h);
            offsets.add((long) offsets.size());
        }
        return MessageBuilder.withPayload(payloads).setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers)
                .setHeader(KafkaHeaders.OFFSET, offsets).build();
    }
}
