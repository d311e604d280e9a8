package org.petitionbridge.routing;

import java.util.function.Consumer;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.routing.cases.LedgerCases;
import org.petitionbridge.routing.decisions.DecisionService;
import org.petitionbridge.service.inbox.EventConsumers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events routing consumes.
 * One bean per binding, named after it ({@code petitionStatus} is binding {@code petitionStatus-in-0}; topic, group
 * and dead-letter topic in routing-service.yml): {@link EventConsumers} decodes the CloudEvent and hands it to one
 * method. An event that cannot be read goes to the binding's dead-letter topic at once; every dead letter is
 * counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class RoutingConsumers {

    /** Binding petitionReceived-in-0: every registered petition is routed once. */
    @Bean
    Consumer<Message<byte[]>> petitionReceived(DecisionService decisions) {
        return EventConsumers.of(PetitionReceived.class, decisions::onReceived);
    }

    /**
     * Binding petitionStatus-in-0: the ledger's case changes. Routing follows who handles each petition and what
     * became of its decisions, and decides again after an accepted objection.
     */
    @Bean
    Consumer<Message<byte[]>> petitionStatus(LedgerCases cases) {
        return EventConsumers.of(CaseStatusChanged.class, cases::onStatus);
    }
}
