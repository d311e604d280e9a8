package org.petitionbridge.routing;

import java.util.function.Consumer;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.routing.cases.LedgerCases;
import org.petitionbridge.routing.decisions.DecisionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events routing consumes.
 * One bean per binding, named after it ({@code petitionStatus} is binding {@code petitionStatus-in-0}; topic, group
 * and dead-letter topic in routing-service.yml): it decodes the CloudEvent with {@link EventCodec} and hands it
 * to one method. An event that cannot be read goes to the binding's dead-letter topic at once; every dead letter is
 * counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class RoutingConsumers {

    /** Binding petitionReceived-in-0: every registered petition is routed once. */
    @Bean
    Consumer<Message<byte[]>> petitionReceived(DecisionService decisions) {
        return m -> decisions.onReceived(EventCodec.decode(m.getHeaders(), m.getPayload(), PetitionReceived.TYPE, PetitionReceived.class));
    }

    /** Binding petitionStatus-in-0: the ledger's case changes. Routing follows who handles each petition and what
     * became of its decisions, and decides again after an accepted objection. */
    @Bean
    Consumer<Message<byte[]>> petitionStatus(LedgerCases cases) {
        return m -> cases.onStatus(EventCodec.decode(m.getHeaders(), m.getPayload(), CaseStatusChanged.TYPE, CaseStatusChanged.class));
    }
}
