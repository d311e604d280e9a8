package org.petitionbridge.service.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

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
        CloudEvent event = CloudEvent.create(source, type, key, time);
        jdbc.update("insert into outbox_event (event_id, topic, event_key, event_type, source, occurred_at, payload,"
                        + " trace_parent) values (?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.fromString(event.id()), topic, key, type, source, Timestamp.from(time), EventCodec.toJson(data),
                tracing.currentTraceParent());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
        return event;
    }
}
