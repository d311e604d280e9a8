package org.petitionbridge.notify;

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
import org.petitionbridge.service.inbox.EventConsumers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events notify consumes: every event is merged into notify's view of its case and planned for the
 * departments that may see it.
 * One bean per binding, named after it ({@code petitionStatus} is binding {@code petitionStatus-in-0}; topic, group
 * and dead-letter topic in notify-service.yml): {@link EventConsumers} decodes the CloudEvent and hands it to one
 * method. An event that cannot be read goes to the binding's dead-letter topic at once; every dead letter is
 * counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class NotifyConsumers {

    /** Binding petitionReceived-in-0: a registered petition (its content reaches assigned departments only). */
    @Bean
    Consumer<Message<byte[]>> petitionReceived(DeliveryPlanner planner) {
        return EventConsumers.of(PetitionReceived.class, planner::onReceived);
    }

    /** Binding petitionRouted-in-0: an assignment decision (delivered to the handlers once the ledger applies it). */
    @Bean
    Consumer<Message<byte[]>> petitionRouted(DeliveryPlanner planner) {
        return EventConsumers.of(PetitionRouted.class, planner::onRouted);
    }

    /** Binding petitionStatus-in-0: a case status change. */
    @Bean
    Consumer<Message<byte[]>> petitionStatus(DeliveryPlanner planner) {
        return EventConsumers.of(CaseStatusChanged.class, planner::onStatus);
    }

    /** Binding petitionDeadline-in-0: due soon, overdue and escalated (督办) reminders. */
    @Bean
    Consumer<Message<byte[]>> petitionDeadline(DeliveryPlanner planner) {
        return EventConsumers.of(DeadlineReached.class, planner::onDeadline);
    }

    /** Binding riskWarning-in-0: early warnings (预警), for the departments responsible and the bureau. */
    @Bean
    Consumer<Message<byte[]>> riskWarning(DeliveryPlanner planner) {
        return EventConsumers.of(WarningChanged.class, planner::onWarning);
    }

    /** Binding riskProject-in-0: major projects registered, assessed (稳评) and decided. */
    @Bean
    Consumer<Message<byte[]>> riskProject(DeliveryPlanner planner) {
        return EventConsumers.of(ProjectChanged.class, planner::onProject);
    }

    /** Binding riskScreening-in-0: screening rounds opened, calling for reports, past due. */
    @Bean
    Consumer<Message<byte[]>> riskScreening(DeliveryPlanner planner) {
        return EventConsumers.of(ScreeningChanged.class, planner::onScreening);
    }

    /** Binding riskDispute-in-0: issues of the 矛盾纠纷 ledger, their actions, overdue flags and cards. */
    @Bean
    Consumer<Message<byte[]>> riskDispute(DeliveryPlanner planner) {
        return EventConsumers.of(DisputeChanged.class, planner::onDispute);
    }
}
