package org.petitionbridge.service.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
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
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the outbox is written only inside the transaction of the state change");
        }
        return insert(topic, type, key, data, time, tracing.currentTraceParent());
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
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the outbox is written only inside the transaction of the state change");
        }
        Map<String, Latest> latest = (Map<String, Latest>) TransactionSynchronizationManager.getResource(this);
        if (latest == null) {
            Map<String, Latest> pending = new LinkedHashMap<>();
            latest = pending;
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    pending.values().forEach(l -> {
                        EventTypes.EventType type = EventTypes.of(l.event().getClass());
                        insert(type.topic(), type.type(), l.event().eventKey(), l.event(), l.time(), l.traceParent());
                    });
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(OutboxWriter.this);
                }
            });
        }
        EventTypes.EventType type = EventTypes.of(event.getClass());
        latest.merge(type.topic() + " " + event.eventKey(), new Latest(event, time, tracing.currentTraceParent()),
                (earlier, later) -> new Latest(merge.apply((E) earlier.event(), (E) later.event()), later.time(),
                        later.traceParent()));
    }

    private record Latest(PlatformEvent event, Instant time, String traceParent) {
    }

    private CloudEvent insert(String topic, String type, String key, Object data, Instant time, String traceParent) {
        CloudEvent event = CloudEvent.create(source, type, key, time);
        jdbc.update("insert into outbox_event (event_id, topic, event_key, event_type, source, occurred_at, payload,"
                        + " trace_parent) values (?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.fromString(event.id()), topic, key, type, source, Timestamp.from(time), EventCodec.toJson(data),
                traceParent);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return event;
    }
}
