package org.petitionbridge.service.inbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.tracing.Span;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.EventTypes;
import org.petitionbridge.events.InvalidEventException;
import org.petitionbridge.events.PlatformEvent;
import org.petitionbridge.service.tracing.EventTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consumer of one binding, the same in every service: it takes the records of one poll (the binding runs in
 * batch mode) and handles them in one database transaction, in the order they came, so that one petition's events
 * keep their order. The ids of the batch's events are claimed in one statement ({@link ProcessedEvents#claim}), and
 * each handler's {@link ProcessedEvents#firstDelivery} is answered from that claim; the events of a type whose handler
 * is idempotent by its own keys ({@link Multiplexed#idempotent}) are not claimed.
 *
 * <p>A record that fails goes alone to its fate, and nothing else of its poll is lost or applied twice:
 * <ul>
 * <li>an event that cannot be read ({@link InvalidEventException}: the poison) is found before the transaction
 * starts: the records before it are handled and committed, then it is reported to the container by its index
 * ({@link BatchListenerFailedException}), whose error handler ({@code DeadLetterPublishing}) commits the offsets
 * before it, dead-letters it at once and hands the records after it to the next poll;</li>
 * <li>a handler that throws rolls the whole transaction back; the records before the failing one are handled again
 * in a transaction of their own (their first one left no trace), and the failing one is reported by its index, to be
 * retried with the binding's back-off (or until an outage ends) and dead-lettered only then;</li>
 * <li>writes a handler defers to the end of the batch, to make them in bulk, are made by the {@code flush} of its
 * {@link org.springframework.transaction.support.TransactionSynchronization}, which runs after the last handler and
 * before the commit (and again, with nothing left to write, from its {@code beforeCommit}, so that a handler called in
 * a transaction of its own writes them too). When they fail, the batch is rolled back and its records are committed
 * one transaction each, in the order of the poll, up to the first that fails, which is reported by its index.</li>
 * </ul>
 *
 * <p>Each record's handling continues the trace named by its {@code traceparent} header (a span of its own, current
 * while the handler runs, so that the events it writes to the outbox carry the petition's trace), and is logged
 * once after the commit (logger {@code org.petitionbridge.events}, INFO): its type, id and subject (a petition
 * number or the id of a project, warning, round or issue: never a person), the group and the record's place.
 *
 * <p>A handler that takes locks (PostgreSQL advisory locks, rows) would take them event by event, so a batch would
 * take its locks in several rounds, and two batches of different bindings, each holding one and waiting for the
 * other's, would wait in a circle (PostgreSQL then fails one with "deadlock detected" after a second). A binding whose
 * handler locks therefore names, for each event type, every key its events will lock
 * ({@link #multiplexed(String)}), taken at the start of the transaction in ascending order; the handler's own lock calls then find them held (advisory locks are re-entrant).
 */
public class EventBatches {

    private static final Logger log = LoggerFactory.getLogger("org.petitionbridge.events");

    private final TransactionTemplate transactions;
    private final ProcessedEvents processed;
    private final EventTracing tracing;
    private final BiConsumer<String, Collection<String>> lockAll;
    /** The in-process turn of each serial scope ({@link #multiplexedSerial}). */
    private final Map<String, ReentrantLock> serialScopes = new ConcurrentHashMap<>();

    /**
     * @param lockAll takes the transaction-scoped locks of these keys in the scope, in ascending order (in the
     *                services {@code AdvisoryLocks.lockAll})
     */
    public EventBatches(PlatformTransactionManager transactionManager, ProcessedEvents processed,
            EventTracing tracing, BiConsumer<String, Collection<String>> lockAll) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.processed = processed;
        this.tracing = tracing;
        this.lockAll = lockAll;
    }

    /** The one key a serial binding's batch locks. */
    private static final Function<Object, Collection<String>> SERIAL_KEYS = event -> List.of("batch");

    /**
     * The consumer of a binding whose records are events of this class, each handed to {@code handler}, which takes
     * no locks of its own; the batch's event ids are claimed first, so the handler learns from
     * {@link ProcessedEvents#firstDelivery} whether its event is new.
     */
    public <T extends PlatformEvent> Consumer<Message<List<byte[]>>> of(Class<T> event,
            Consumer<EventCodec.Received<T>> handler) {
        return new Multiplexed(null, false).on(event, handler).consumer();
    }

    /**
     * As {@link #of}, for a handler that is idempotent by its own keys ({@link Multiplexed#idempotent}): its events
     * are not claimed.
     */
    public <T extends PlatformEvent> Consumer<Message<List<byte[]>>> idempotent(Class<T> event,
            Consumer<EventCodec.Received<T>> handler) {
        return new Multiplexed(null, false).on(event, handler).idempotent(event).consumer();
    }

    /**
     * The consumer of a binding that reads several topics ({@code multiplex: true}, the topics comma-separated in its
     * destination), each record handed to the handler of its event type. One petition's events of these topics have
     * one key, so the same partition number, and the same consumer thread takes them: in one transaction, without
     * two threads waiting for each other's locks. Every handler locks keys of {@code scope}; name them with
     * {@link Multiplexed#on(Class, Function, Consumer)} (a null key is left out, so that an event lacking it reaches
     * its handler, which turns it down).
     */
    public Multiplexed multiplexed(String scope) {
        return new Multiplexed(scope, false);
    }

    /**
     * As {@link #multiplexed(String)}, for handlers whose batches run one at a time whatever they lock: one lock for
     * the whole transaction. In this instance the scope's batches wait for each other before they take a database
     * connection (a pool's worth of consumer threads waiting inside the database for one lock would leave none for
     * anything else), and across instances for the advisory lock. Name the types with
     * {@link Multiplexed#on(Class, Consumer)}.
     */
    public Multiplexed multiplexedSerial(String scope) {
        return new Multiplexed(scope, true);
    }

    /** The event types of a multiplexed binding and their handlers ({@link #multiplexed(String)}). */
    public final class Multiplexed {

        private final String scope;
        private final boolean serial;
        private final Map<String, Kind<?>> kinds = new LinkedHashMap<>();
        private final Set<String> unclaimed = new LinkedHashSet<>();
        private Consumer<List<PlatformEvent>> prepare = events -> { };

        private Multiplexed(String scope, boolean serial) {
            this.scope = scope;
            this.serial = serial;
        }

        /** Records of this event type go to {@code handler}, after the batch has locked their {@code keys}. */
        public <T extends PlatformEvent> Multiplexed on(Class<T> event, Function<? super T, Collection<String>> keys,
                Consumer<EventCodec.Received<T>> handler) {
            if (serial) {
                throw new IllegalStateException("a serial binding's batches lock nothing else: on("
                        + event.getSimpleName() + ".class, handler)");
            }
            return add(new Kind<>(EventTypes.of(event).type(), kinds.size(), event, keys, handler));
        }

        /** Records of this event type go to {@code handler}; in a serial binding, in the batch's turn. */
        public <T extends PlatformEvent> Multiplexed on(Class<T> event, Consumer<EventCodec.Received<T>> handler) {
            return add(new Kind<>(EventTypes.of(event).type(), kinds.size(), event, serial ? SERIAL_KEYS : null,
                    handler));
        }

        private Multiplexed add(Kind<?> kind) {
            if (kinds.putIfAbsent(kind.type(), kind) != null) {
                throw new IllegalArgumentException("two handlers for " + kind.type());
            }
            return this;
        }

        /**
         * The handler of this type (named before) is idempotent by its own keys, so its events are not claimed in
         * {@code processed_event}: a row and a statement fewer each. Say so only of a handler whose effect a second
         * delivery of the same event (also under another offset, also in the same poll) leaves as it was, by itself:
         * an insert that does nothing when the row is there ({@code on conflict do nothing}, effects only when it
         * inserted), an upsert that only a newer sequence changes. Such a handler never calls
         * {@link ProcessedEvents#firstDelivery}.
         */
        public Multiplexed idempotent(Class<? extends PlatformEvent> event) {
            String type = EventTypes.of(event).type();
            if (!kinds.containsKey(type)) {
                throw new IllegalStateException("name the handler of " + type + " before saying it is idempotent");
            }
            unclaimed.add(type);
            return this;
        }

        /**
         * Before the first handler of each transaction, in it, {@code prepare} gets the data of all its events (of
         * those not yet processed and those already), in the order of the poll: to read in one statement what the
         * handlers will need one by one. When it fails, the records are committed one transaction each, as when
         * deferred writes fail.
         */
        public Multiplexed preparing(Consumer<List<PlatformEvent>> prepare) {
            this.prepare = prepare;
            return this;
        }

        /** The binding's consumer. */
        public Consumer<Message<List<byte[]>>> consumer() {
            Binding binding = new Binding(scope, serial, Map.copyOf(kinds), Set.copyOf(unclaimed), prepare);
            return message -> handle(Batch.of(message), binding);
        }
    }

    /**
     * One event type of a binding: its place among the binding's types (a poll's events are handled type by type in
     * this order), its class, the keys its handler locks (null: none), and the handler.
     */
    private record Kind<T>(String type, int rank, Class<T> event, Function<? super T, Collection<String>> keys,
            Consumer<EventCodec.Received<T>> handler) {

        Decoded<T> decode(CloudEvent attributes, byte[] body) {
            return new Decoded<>(this, EventCodec.decode(attributes, body, event));
        }
    }

    /** A record decoded, with the kind that handles it. */
    private record Decoded<T>(Kind<T> kind, EventCodec.Received<T> received) {

        CloudEvent event() {
            return received.event();
        }

        Collection<String> keys() {
            return kind.keys() == null ? List.of() : kind.keys().apply(received.data());
        }

        void handle() {
            kind.handler().accept(received);
        }
    }

    /** What a binding's consumer does: the event types it takes, and the locks its batches take first. */
    private record Binding(String scope, boolean serial, Map<String, Kind<?>> kinds, Set<String> unclaimed,
            Consumer<List<PlatformEvent>> prepare) {

        /** The events of these whose ids are claimed: those of every type not idempotent by its own keys. */
        List<CloudEvent> claimed(List<Decoded<?>> events) {
            return events.stream().filter(e -> !unclaimed.contains(e.kind().type())).map(Decoded::event).toList();
        }

        Decoded<?> decode(Map<String, Object> headers, byte[] body) {
            CloudEvent attributes = CloudEvent.fromHeaders(headers);
            Kind<?> kind = kinds.get(attributes.type());
            if (kind == null) {
                throw new InvalidEventException(kinds.size() == 1
                        ? "expected an event of type " + kinds.keySet().iterator().next() + " but got "
                                + attributes.type()
                        : "this binding takes events of types " + new TreeSet<>(kinds.keySet()) + ", not "
                                + attributes.type());
            }
            return kind.decode(attributes, body);
        }

        /** The binding's type when it takes one, for messages about a record that could not be read. */
        String expected() {
            return kinds.size() == 1 ? kinds.keySet().iterator().next() : "event";
        }
    }

    private void handle(Batch batch, Binding binding) {
        List<Decoded<?>> events = new ArrayList<>(batch.size());
        InvalidEventException poison = null;
        for (int i = 0; i < batch.size() && poison == null; i++) {
            try {
                events.add(binding.decode(batch.headers(i), batch.payload(i)));
            } catch (InvalidEventException e) {
                poison = e;
            }
        }
        commit(batch, binding, events);
        if (poison != null) {
            throw new BatchListenerFailedException("record " + batch.place(events.size()) + " is not a readable "
                    + binding.expected(), poison, events.size());
        }
    }

    /** Handles {@code events} (the first of the batch) in one transaction; see the class comment for failures. */
    private void commit(Batch batch, Binding binding, List<Decoded<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        ReentrantLock serial = binding.serial()
                ? serialScopes.computeIfAbsent(binding.scope(), s -> new ReentrantLock(true)) : null;
        if (serial != null) {
            serial.lock();
        }
        try {
            commitInTurn(batch, binding, events);
        } finally {
            if (serial != null) {
                serial.unlock();
            }
        }
    }

    private void commitInTurn(Batch batch, Binding binding, List<Decoded<?>> events) {
        Failed failed = attempt(batch, binding, events, 0, events.size());
        // The records before the failing one are committed on their own; if one of them fails now (handlers run
        // type by type, so it may not have been reached before), those before it, and so on: only records before
        // the index reported are ever committed, and every one of them is.
        while (failed != null && !failed.flushing && failed.index > 0) {
            Failed before = attempt(batch, binding, events, 0, failed.index);
            if (before == null) {
                break;
            }
            if (before.flushing) {
                // the writes the records before it deferred failed together: each record alone says whose
                Failed alone = oneByOne(batch, binding, events, failed.index);
                failed = alone == null ? failed : alone;
                break;
            }
            failed = before;
        }
        if (failed != null && failed.flushing) {
            failed = oneByOne(batch, binding, events, events.size());
        }
        if (failed == null) {
            return;
        }
        CloudEvent event = events.get(failed.index).event();
        throw new BatchListenerFailedException("record " + batch.place(failed.index) + " (" + event.type() + " "
                + event.id() + ") could not be handled", failed.getCause(), failed.index);
    }

    /**
     * Commits the first {@code end} events one transaction each, in the order of the poll, up to the first that
     * fails (then null when none did): after the writes a batch deferred to its end failed, only a record alone
     * tells which one they failed for. Rare, so the cost of a transaction per record is no matter.
     */
    private Failed oneByOne(Batch batch, Binding binding, List<Decoded<?>> events, int end) {
        for (int i = 0; i < end; i++) {
            Failed failed = attempt(batch, binding, events, i, i + 1);
            if (failed != null) {
                return new Failed(i, (RuntimeException) failed.getCause(), false);
            }
        }
        return null;
    }

    /** The events from {@code from} to {@code to} in one transaction: null when it committed, else its failure. */
    private Failed attempt(Batch batch, Binding binding, List<Decoded<?>> events, int from, int to) {
        try {
            transaction(batch, binding, events, from, to);
            return null;
        } catch (Failed e) {
            return e;
        }
    }

    private void transaction(Batch batch, Binding binding, List<Decoded<?>> all, int from, int to) {
        List<Decoded<?>> events = all.subList(from, to);
        List<Integer> order = handlingOrder(events);
        List<EventTracing.Started> spans = new ArrayList<>(events.size());
        boolean committed = false;
        try {
            transactions.executeWithoutResult(status -> {
                processed.claim(binding.claimed(events));
                if (binding.scope() != null) {
                    Set<String> keys = new LinkedHashSet<>();
                    events.forEach(e -> e.keys().stream().filter(k -> k != null).forEach(keys::add));
                    lockAll.accept(binding.scope(), keys);
                }
                try {
                    try {
                        binding.prepare().accept(events.stream().map(e -> (PlatformEvent) e.received().data())
                                .toList());
                    } catch (RuntimeException e) {
                        throw new Failed(from, e, true);
                    }
                    for (int i : order) {
                        EventTracing.Started span = tracing.start(batch.traceParent(from + i),
                                events.get(i).event().type() + " receive", Span.Kind.CONSUMER);
                        spans.add(span);
                        try (EventTracing.Scope ignored = span.open()) {
                            events.get(i).handle();
                        } catch (RuntimeException e) {
                            span.error(e.getClass().getSimpleName());
                            throw new Failed(from + i, e, false);
                        }
                    }
                } finally {
                    processed.release();
                }
                try {
                    // the writes handlers deferred to the end of the batch (a TransactionSynchronization's flush)
                    TransactionSynchronizationUtils.triggerFlush();
                } catch (RuntimeException e) {
                    throw new Failed(from, e, true);
                }
            });
            committed = true;
        } catch (Failed e) {
            throw e;
        } catch (RuntimeException e) {
            // the commit itself failed (the database went away): the whole batch is tried again from its start
            throw new Failed(from, e, false);
        } finally {
            for (int k = 0; k < spans.size(); k++) {
                EventTracing.Started span = spans.get(k);
                int i = order.get(k);
                if (committed && log.isInfoEnabled()) {
                    try (EventTracing.Scope ignored = span.open()) {
                        CloudEvent event = events.get(i).event();
                        log.info("Handled {} {} of {} (group {}, {})", event.type(), event.id(),
                                ((PlatformEvent) events.get(i).received().data()).eventKey(), batch.group(),
                                batch.place(from + i));
                    }
                }
                span.end();
            }
        }
    }

    /**
     * The indexes of the events in the order their handlers run: type by type in the order the binding names its
     * types, and each type's in the order of the poll. A topic carries one type, so each partition's records keep
     * their order; records of different partitions have none to keep. A petition's registration is then applied
     * before its routing decision of the same poll, which would otherwise wait as a pending decision for it. A
     * failure is still reported by the record's index in the poll, and only records before it are committed (the
     * poll's first {@code events.size()}), so the order changes nothing of what is committed or redelivered.
     */
    private static List<Integer> handlingOrder(List<? extends Decoded<?>> events) {
        List<Integer> order = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> events.get(i).kind().rank()));   // List.sort is stable
        return order;
    }

    /**
     * The index in the batch of the record whose handler threw, and what it threw; or, {@code flushing}, the first
     * index of the records whose deferred writes failed together.
     */
    private static final class Failed extends RuntimeException {

        private final int index;
        private final boolean flushing;

        Failed(int index, RuntimeException cause, boolean flushing) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
            this.flushing = flushing;
        }
    }

    /** The records of one poll as the binder hands them over: the values, and each header as a list in their order. */
    private record Batch(List<?> payloads, List<Map<String, Object>> headers, List<?> topics, List<?> partitions,
            List<?> offsets, Object group) {

        @SuppressWarnings("unchecked")
        static Batch of(Message<?> message) {
            MessageHeaders h = message.getHeaders();
            List<Map<String, Object>> headers = (List<Map<String, Object>>) h.get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
            if (headers == null) {
                throw new IllegalStateException("the binding is not in batch mode (no "
                        + KafkaHeaders.BATCH_CONVERTED_HEADERS + " header): set consumer.batch-mode");
            }
            return new Batch((List<?>) message.getPayload(), headers, list(h.get(KafkaHeaders.RECEIVED_TOPIC)),
                    list(h.get(KafkaHeaders.RECEIVED_PARTITION)), list(h.get(KafkaHeaders.OFFSET)),
                    h.get(KafkaHeaders.GROUP_ID));
        }

        private static List<?> list(Object header) {
            return header instanceof List<?> l ? l : List.of();
        }

        int size() {
            return payloads.size();
        }

        Map<String, Object> headers(int i) {
            return headers.get(i);
        }

        /** The record's value; null for a record without one (the decoder turns that down as unreadable). */
        byte[] payload(int i) {
            return payloads.get(i) instanceof byte[] bytes ? bytes : null;
        }

        String traceParent(int i) {
            Object value = headers.get(i).get(EventTracing.TRACEPARENT);
            if (value instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
            return value == null ? null : value.toString();
        }

        /** topic-partition@offset of the record, as the dead-letter log lines name it. */
        String place(int i) {
            return at(topics, i) + "-" + at(partitions, i) + "@" + at(offsets, i);
        }

        private static Object at(List<?> list, int i) {
            return i < list.size() ? list.get(i) : "?";
        }
    }
}
