package org.petitionbridge.notify;

import java.util.List;
import java.util.function.Consumer;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.DisputeChanged;
import org.petitionbridge.events.ScreeningChanged;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.ProjectChanged;
import org.petitionbridge.events.WarningChanged;
import org.petitionbridge.notify.deliveries.DeliveryPlanner;
import org.petitionbridge.service.inbox.EventBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events notify consumes: every event is merged into notify's view of its case and planned for the
 * departments that may see it. All eight topics are read by one binding, {@code notifyEvents-in-0}
 * ({@code multiplex: true} in notify-service.yml): {@link EventBatches} takes the records of a poll, decodes each
 * CloudEvent and hands it to the method of its type, all in one transaction. The planner first locks the batch's
 * cases in two statements ({@link DeliveryPlanner#prepare}), plans each event in memory, and writes the batch's feed
 * entries, deliveries and cases in bulk when the transaction flushes. A petition's events have its number as
 * key, so the same partition number on each topic and the same consumer thread. An event that cannot be read, or of a
 * type not listed here, goes to the dead-letter topic of its own topic ({@code <topic>.notify.dlq}) at once; every
 * dead letter is counted (petition.deadletters, tagged with the topic).
 */
@Configuration(proxyBeanMethods = false)
class NotifyConsumers {

    /**
     * Every batch is planned in one transaction at a time: a planner locks its petitions' case rows and the feeds of
     * the departments it appends to, in no order common to two batches, so two batches would wait for each other in
     * a circle. The bureau's feed is in nearly every plan anyway, so little runs in parallel
     * that this takes away.
     */
    @Bean
    Consumer<Message<List<byte[]>>> notifyEvents(DeliveryPlanner planner, EventBatches batches) {
        return batches.multiplexedSerial("notify-planning")
                // the cases of the batch's petitions, locked (and the unknown ones created) in two statements
                .preparing(planner::prepare)
                // a registered petition (its content reaches assigned departments only)
                .on(PetitionReceived.class, planner::onReceived)
                // an assignment decision (delivered to the handlers once the ledger applies it)
                .on(PetitionRouted.class, planner::onRouted)
                // a case status change
                .on(CaseStatusChanged.class, planner::onStatus)
                // due soon, overdue and escalated (督办) reminders
                .on(DeadlineReached.class, planner::onDeadline)
                // early warnings (预警), for the departments responsible and the bureau
                .on(WarningChanged.class, planner::onWarning)
                // major projects registered, assessed (稳评) and decided
                .on(ProjectChanged.class, planner::onProject)
                // screening rounds opened, calling for reports, past due
                .on(ScreeningChanged.class, planner::onScreening)
                // issues of the 矛盾纠纷 ledger, their actions, overdue flags and cards
                .on(DisputeChanged.class, planner::onDispute)
                // a petition's events are planned once by its case, which keeps their ids: no claim of their own
                .idempotent(PetitionReceived.class)
                .idempotent(PetitionRouted.class)
                .idempotent(CaseStatusChanged.class)
                .idempotent(DeadlineReached.class)
                .consumer();
    }
}
