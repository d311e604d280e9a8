package org.petitionbridge.routing;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.routing.cases.LedgerCases;
import org.petitionbridge.routing.decisions.DecisionLog;
import org.petitionbridge.routing.decisions.DecisionService;
import org.petitionbridge.service.inbox.EventBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events routing consumes.
 * One bean per binding, named after it ({@code petitionStatus} is binding {@code petitionStatus-in-0}; topic, group
 * and dead-letter topic in routing-service.yml): {@link EventBatches} takes the records of a poll, decodes each
 * CloudEvent and hands it to one method, all in one transaction. An event that cannot be read goes to the binding's dead-letter topic at once; every dead letter is
 * counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class RoutingConsumers {

    /** Binding petitionReceived-in-0: every registered petition is routed once. */
    @Bean
    Consumer<Message<List<byte[]>>> petitionReceived(DecisionService decisions, EventBatches batches) {
        return batches.of(PetitionReceived.class, new EventBatches.Locks<PetitionReceived>(DecisionLog.LOCKS,
                p -> Arrays.asList(p.petitionNo())), decisions::onReceived);
    }

    /**
     * Binding petitionStatus-in-0: the ledger's case changes. Routing follows who handles each petition and what
     * became of its decisions, and decides again after an accepted objection.
     */
    @Bean
    Consumer<Message<List<byte[]>>> petitionStatus(LedgerCases cases, EventBatches batches) {
        return batches.of(CaseStatusChanged.class, new EventBatches.Locks<CaseStatusChanged>(DecisionLog.LOCKS,
                s -> Arrays.asList(s.petitionNo())), cases::onStatus);
    }
}
