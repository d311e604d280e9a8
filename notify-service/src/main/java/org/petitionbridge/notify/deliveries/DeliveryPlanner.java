package org.petitionbridge.notify.deliveries;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.outbox.ProcessedEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns each consumed status event into one pending delivery per subscription of a department the case is
 * assigned to (lead or co-handler). The department complained about never gets one. Planning is a quick
 * database write, so consumption from Kafka never waits for a webhook.
 */
@Service
public class DeliveryPlanner {

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    DeliveryPlanner(JdbcClient jdbc, ProcessedEvents processed, WebhookDispatcher dispatcher, Clock clock) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Transactional
    public int onStatus(EventCodec.Received<CaseStatusChanged> received) {
        if (!processed.firstDelivery(received.event())) {
            return 0;
        }
        CaseStatusChanged status = received.data();
        Set<String> departments = new LinkedHashSet<>();
        if (status.lead() != null) {
            departments.add(status.lead());
        }
        departments.addAll(status.coHandlers());
        if (status.complainedAgainstDepartment() != null) {
            departments.remove(status.complainedAgainstDepartment());
        }
        if (departments.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        String body = EventCodec.mapper().writeValueAsString(Map.of(
                "id", received.event().id(),
                "type", received.event().type(),
                "time", received.event().time().toString(),
                "subject", status.petitionNo(),
                "data", status));
        List<String> subscriptions = jdbc.sql("""
                select id from subscription where active and url is not null and department = any(?)
                    and 'status' = any(event_types)""")
                .param(departments.toArray(String[]::new)).query(String.class).list();
        for (String subscription : subscriptions) {
            jdbc.sql("""
                    insert into delivery (id, subscription_id, event_id, event_type, petition_no, payload, status,
                        attempts, next_attempt_at, created_at)
                    values (?, ?::uuid, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                    .params("msg_" + UUID.randomUUID().toString().replace("-", ""), subscription,
                            received.event().id(), received.event().type(), status.petitionNo(), body,
                            Timestamp.from(now), Timestamp.from(now))
                    .update();
        }
        if (!subscriptions.isEmpty()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wakeUp();
                }
            });
        }
        return subscriptions.size();
    }
}
