package org.petitionbridge.service.inbox;

import org.petitionbridge.events.CloudEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The idempotent consumer: records the id of a consumed event in the same transaction as its effect, so a
 * redelivered event is recognised and skipped.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time this event is seen; false when it was already processed (then do nothing). */
    public boolean firstDelivery(CloudEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("mark an event processed inside the transaction of its effect");
        }
        return jdbc.update("insert into processed_event (event_id, event_type) values (?, ?) on conflict do nothing",
                event.id(), event.type()) == 1;
    }
}
