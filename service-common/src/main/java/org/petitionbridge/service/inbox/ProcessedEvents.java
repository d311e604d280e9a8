package org.petitionbridge.service.inbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The idempotent consumer: records the id of a consumed event in the same transaction as its effect, so a
 * redelivered event is recognised and skipped. A consumer's batch ({@link EventBatches}) claims the ids of all its
 * events in one statement first; a handler's {@link #firstDelivery} is then answered from that claim, without a
 * statement of its own.
 *
 * <p>A handler whose effect is idempotent by its own keys (an insert keyed by the petition that does nothing the second
 * time, an upsert only a newer sequence changes) needs no claim: its binding says so
 * ({@link EventBatches.Multiplexed#idempotent}) and its events are not written here.
 *
 * <p>Event ids rather than consumed offsets: an event may reach its topic twice under two offsets (an outbox relay
 * that died after sending and before marking the row sent sends it again), and only its id says it is the same.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;
    /** The current batch's claim on this thread: event id to "not yet answered first". */
    private final ThreadLocal<Map<String, Boolean>> claimed = new ThreadLocal<>();

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records these events as processed, in one statement, inside the transaction of their effects; until
     * {@link #release}, {@link #firstDelivery} answers for them from the result.
     */
    public void claim(List<CloudEvent> events) {
        requireTransaction();
        Map<String, Boolean> answers = new HashMap<>(events.size() * 2);
        Map<String, String> types = new LinkedHashMap<>(events.size() * 2);
        events.forEach(e -> {
            answers.put(e.id(), false);
            types.putIfAbsent(e.id(), e.type());
        });
        if (types.isEmpty()) {
            claimed.set(answers);
            return;   // a batch of events idempotent by their own keys: nothing to write
        }
        jdbc.query("insert into processed_event (event_id, event_type) select * from unnest(?::text[], ?::text[])"
                + " on conflict do nothing returning event_id",
                (RowCallbackHandler) rs -> answers.put(rs.getString(1), true),
                SqlArrays.of(types.keySet()), SqlArrays.of(types.values()));
        claimed.set(answers);
    }

    /** Ends the claim of {@link #claim} on this thread. */
    public void release() {
        claimed.remove();
    }

    /** True the first time this event is seen; false when it was already processed (then do nothing). */
    public boolean firstDelivery(CloudEvent event) {
        requireTransaction();
        Map<String, Boolean> answers = claimed.get();
        if (answers != null && answers.containsKey(event.id())) {
            // true once: the same event twice in one batch is handled once
            return Boolean.TRUE.equals(answers.put(event.id(), false));
        }
        return jdbc.update("insert into processed_event (event_id, event_type) values (?, ?) on conflict do nothing",
                event.id(), event.type()) == 1;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("mark an event processed inside the transaction of its effect");
        }
    }
}
