package org.petitionbridge.ledger;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.ledger.cases.CaseRepository;
import org.petitionbridge.ledger.cases.CaseService;
import org.petitionbridge.service.inbox.EventBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events the ledger consumes.
 * One bean per binding, named after it ({@code petitionStatus} is binding {@code petitionStatus-in-0}; topic, group
 * and dead-letter topic in ledger-service.yml): {@link EventBatches} takes the records of a poll, decodes each
 * CloudEvent and hands it to one method, all in one transaction. An event that cannot be read goes to the binding's dead-letter topic at once; every dead letter is
 * counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class LedgerConsumers {

    /** Binding petitionReceived-in-0: a registered petition opens a case. */
    @Bean
    Consumer<Message<List<byte[]>>> petitionReceived(CaseService cases, EventBatches batches) {
        // a repeat locks the case it repeats too
        return batches.of(PetitionReceived.class, new EventBatches.Locks<PetitionReceived>(CaseRepository.LOCKS,
                p -> Arrays.asList(p.petitionNo(), p.repeatOf())), cases::onReceived);
    }

    /** Binding petitionRouted-in-0: a routing decision assigns the case. */
    @Bean
    Consumer<Message<List<byte[]>>> petitionRouted(CaseService cases, EventBatches batches) {
        return batches.of(PetitionRouted.class, new EventBatches.Locks<PetitionRouted>(CaseRepository.LOCKS,
                r -> Arrays.asList(r.petitionNo())), cases::onRouted);
    }

    /** Binding petitionTriaged-in-0: a petition no rule could place waits for the bureau. */
    @Bean
    Consumer<Message<List<byte[]>>> petitionTriaged(CaseService cases, EventBatches batches) {
        return batches.of(PetitionTriaged.class, new EventBatches.Locks<PetitionTriaged>(CaseRepository.LOCKS,
                t -> Arrays.asList(t.petitionNo())), cases::onTriaged);
    }
}
