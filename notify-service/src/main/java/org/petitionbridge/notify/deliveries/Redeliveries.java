package org.petitionbridge.notify.deliveries;

import java.sql.Timestamp;
import java.time.Clock;

import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Redelivery by hand: a department recovers what its endpoint missed, with the same webhook-id. */
@Service
class Redeliveries {

    private final JdbcClient jdbc;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    Redeliveries(JdbcClient jdbc, WebhookDispatcher dispatcher, Clock clock) {
        this.jdbc = jdbc;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    private record Row(String department, String status, boolean active) {
    }

    /**
     * Makes a DEAD or DELIVERED delivery PENDING again with a fresh retry schedule.
     *
     * @param anyDepartment the caller is the bureau, which may redeliver any department's deliveries
     */
    @Transactional
    public void redeliver(String id, String caller, boolean anyDepartment) {
        Row row = jdbc.sql("""
                select s.department, d.status, s.active from delivery d join subscription s on s.id = d.subscription_id
                where d.id = ? for update of d""").param(id)
                .query((rs, i) -> new Row(rs.getString("department"), rs.getString("status"), rs.getBoolean("active")))
                .optional()
                .filter(r -> anyDepartment || r.department().equals(caller))
                .orElseThrow(() -> new NotFoundException("No delivery " + id));
        if (!"DEAD".equals(row.status()) && !"DELIVERED".equals(row.status())) {
            throw new ConflictException("delivery-not-finished",
                    "Only a DEAD or DELIVERED delivery can be redelivered; this one is " + row.status());
        }
        if (!row.active()) {
            throw new ConflictException("subscription-inactive",
                    "The subscription is disabled (deleted, or its endpoint answered 410); subscribe again");
        }
        jdbc.sql("""
                update delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?,
                    redeliveries = redeliveries + 1
                where id = ?""").params(Timestamp.from(clock.instant()), id).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.wakeUp();
            }
        });
    }
}
