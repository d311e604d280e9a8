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
 * departments that may see it.
 * One bean per binding, named after it ({@code petitionStatus} is binding {@code petitionStatus-in-0}; topic, group
 * and dead-letter topic in notify-service.yml): {@link EventBatches} takes the records of a poll, decodes each
 * CloudEvent and hands it to one method, all in one transaction. An event that cannot be read goes to the binding's dead-letter topic at once; every dead letter is
 * counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class NotifyConsumers {

    /**
     * Every event is planned in one transaction at a time: a planner locks the petition's case row and the feeds of
     * the departments it appends to, which a batch would take in rounds and in no common order, so two batches would
     * wait for each other in a circle. The bureau's feed is in nearly every plan anyway, so little runs in parallel
     * that this takes away.
     */
    private static final EventBatches.Locks<Object> PLANNING = EventBatches.Locks.serial("notify-planning");

    /** Binding petitionReceived-in-0: a registered petition (its content reaches assigned departments only). */
    @Bean
    Consumer<Message<List<byte[]>>> petitionReceived(DeliveryPlanner planner, EventBatches batches) {
        return batches.of(PetitionReceived.class, PLANNING, planner::onReceived);
    }

    /** Binding petitionRouted-in-0: an assignment decision (delivered to the handlers once the ledger applies it). */
    @Bean
    Consumer<Message<List<byte[]>>> petitionRouted(DeliveryPlanner planner, EventBatches batches) {
        return batches.of(PetitionRouted.class, PLANNING, planner::onRouted);
    }

    /** Binding petitionStatus-in-0: a case status change. */
    @Bean
    Consumer<Message<List<byte[]>>> petitionStatus(DeliveryPlanner planner, EventBatches batches) {
        return batches.of(CaseStatusChanged.class, PLANNING, planner::onStatus);
    }

    /** Binding petitionDeadline-in-0: due soon, overdue and escalated (督办) reminders. */
    @Bean
    Consumer<Message<List<byte[]>>> petitionDeadline(DeliveryPlanner planner, EventBatches batches) {
        return batches.of(DeadlineReached.class, PLANNING, planner::onDeadline);
    }

    /** Binding riskWarning-in-0: early warnings (预警), for the departments responsible and the bureau. */
    @Bean
    Consumer<Message<List<byte[]>>> riskWarning(DeliveryPlanner planner, EventBatches batches) {
        return batches.of(WarningChanged.class, PLANNING, planner::onWarning);
    }

    /** Binding riskProject-in-0: major projects registered, assessed (稳评) and decided. */
    @Bean
    Consumer<Message<List<byte[]>>> riskProject(DeliveryPlanner planner, EventBatches batches) {
        return batches.of(ProjectChanged.class, PLANNING, planner::onProject);
    }

    /** Binding riskScreening-in-0: screening rounds opened, calling for reports, past due. */
    @Bean
    Consumer<Message<List<byte[]>>> riskScreening(DeliveryPlanner planner, EventBatches batches) {
        return batches.of(ScreeningChanged.class, PLANNING, planner::onScreening);
    }

    /** Binding riskDispute-in-0: issues of the 矛盾纠纷 ledger, their actions, overdue flags and cards. */
    @Bean
    Consumer<Message<List<byte[]>>> riskDispute(DeliveryPlanner planner, EventBatches batches) {
        return batches.of(DisputeChanged.class, PLANNING, planner::onDispute);
    }
}
