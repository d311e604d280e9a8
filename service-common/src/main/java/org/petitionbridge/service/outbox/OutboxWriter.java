package org.petitionbridge.service.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BinaryOperator;

import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.EventTypes;
import org.petitionbridge.events.PlatformEvent;
import org.petitionbridge.service.tracing.EventTracing;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends an outgoing event to the outbox table in the caller's database transaction, so that the state
 * change and its event are committed together or not at all. The {@link OutboxRelay} publishes it after
 * the commit. The trace of the writing transaction (its W3C {@code traceparent}) is stored with the event, and the
 * relay sends it as a record header, so that the consumers continue the same trace.
 */
public class OutboxWriter {

    private final JdbcTemplate jdbc;
    private final String source;
    private final OutboxRelay relay;
    private final EventTracing tracing;

    public OutboxWriter(JdbcTemplate jdbc, String source, OutboxRelay relay, EventTracing tracing) {
        this.jdbc = jdbc;
        this.source = source;
        this.relay = relay;
        this.tracing = tracing;
    }

    /** Appends an event of the catalogue (its topic and type come from {@link EventTypes}). */
    public CloudEvent append(PlatformEvent event, Instant time) {
        EventTypes.EventType type = EventTypes.of(event.getClass());
        return append(type.topic(), type.type(), event.eventKey(), event, time);
    }

    /** Appends any event: the topic, the logical type, the key (the subject: petition number, project or warning id) and the JSON body. */
    public CloudEvent append(String topic, String type, String key, Object data, Instant time) {
        CloudEvent event = CloudEvent.create(source, type, key, time);
        pending().rows.add(new Row(event, topic, EventCodec.toJson(data), tracing.currentTraceParent()));
        return event;
    }

    /**
     * Appends an event of which the transaction keeps only the last of its subject: when one transaction changes a
     * subject several times (a warning that several petitions of one consumed batch join), its consumers need only
     * the state it commits. Each event replaces the earlier one of its topic and key, merged with it by
     * {@code merge} (earlier, later: e.g. a warning raised and then updated is still raised), and the last is written
     * just before the commit, in the trace of the change that made it.
     */
    @SuppressWarnings("unchecked")
    public <E extends PlatformEvent> void appendLatest(E event, Instant time, BinaryOperator<E> merge) {
        EventTypes.EventType type = EventTypes.of(event.getClass());
        pending().latest.merge(type.topic() + " " + event.eventKey(),
                new Latest(event, time, tracing.currentTraceParent()),
                (earlier, later) -> new Latest(merge.apply((E) earlier.event(), (E) later.event()), later.time(),
                        later.traceParent()));
    }

    /**
     * Drops every event the transaction appended (none is written before its commit): a ledger rebuilt from the
     * topics applies their events again and publishes nothing.
     */
    public void discardAppended() {
        Pending pending = pending();
        pending.rows.clear();
        pending.latest.clear();
    }

    /**
     * What the transaction appends. Its events are written together just before the commit, in one batch
     * statement (a consumed batch appends hundreds: one statement each was one round trip each), and the relay is
     * woken once after it.
     */
    private Pending pending() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the outbox is written only inside the transaction of the state change");
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Pending created = new Pending();
            pending = created;
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    created.latest.values().forEach(l -> {
                        EventTypes.EventType type = EventTypes.of(l.event().getClass());
                        created.rows.add(new Row(CloudEvent.create(source, type.type(), l.event().eventKey(),
                                l.time()), type.topic(), EventCodec.toJson(l.event()), l.traceParent()));
                    });
                    created.latest.clear();
                    write(created.rows);
                }

                @Override
                public void afterCommit() {
                    if (!created.rows.isEmpty()) {
                        relay.wakeUp();
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(OutboxWriter.this);
                }
            });
        }
        return pending;
    }

    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into outbox_event (event_id, topic, event_key, event_type, source, occurred_at,"
                        + " payload, trace_parent) values (?, ?, ?, ?, ?, ?, ?, ?)",
                rows.stream().map(r -> new Object[] {UUID.fromString(r.event().id()), r.topic(), r.event().subject(),
                        r.event().type(), source, Timestamp.from(r.event().time()), r.payload(), r.traceParent()})
                        .toList());
    }

    private static final class Pending {
        final List<Row> rows = new ArrayList<>();
        final Map<String, Latest> latest = new LinkedHashMap<>();
    }

    private record Row(CloudEvent event, String topic, byte[] payload, String traceParent) {
    }

    private record Latest(PlatformEvent event, Instant time, String traceParent) {
    }
}
