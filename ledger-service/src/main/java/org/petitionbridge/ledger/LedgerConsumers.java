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
 * The events the ledger consumes, all through one binding, {@code ledgerEvents-in-0}, which reads
 * {@code petition.received.v1}, {@code petition.routed.v1} and {@code petition.triage.v1} ({@code multiplex: true}
 * in ledger-service.yml). A petition's events have its number as key, so the same partition number on each topic,
 * and the same consumer thread takes them: a registration and its routing decision are applied in one transaction
 * when they wait together, and never by two threads waiting for each other's petition locks (which they did with one
 * binding per topic: the benchmark's largest wait, docs/benchmark.md). {@link EventBatches} hands each record to the
 * method of its type, all of a poll in one transaction. An event that cannot be read, or of a type not listed here,
 * goes to the dead-letter topic of its own topic ({@code <topic>.ledger.dlq}) at once; every dead letter is counted
 * (petition.deadletters, tagged with the topic).
 */
@Configuration(proxyBeanMethods = false)
class LedgerConsumers {

    @Bean
    Consumer<Message<List<byte[]>>> ledgerEvents(CaseService cases, EventBatches batches) {
        return batches.multiplexed(CaseRepository.LOCKS)
                // a registered petition opens a case; a repeat locks the case it repeats too
                .on(PetitionReceived.class, p -> Arrays.asList(p.petitionNo(), p.repeatOf()), cases::onReceived)
                // a routing decision assigns the case
                .on(PetitionRouted.class, r -> Arrays.asList(r.petitionNo()), cases::onRouted)
                // a petition no rule could place waits for the bureau
                .on(PetitionTriaged.class, t -> Arrays.asList(t.petitionNo()), cases::onTriaged)
                // a petition opens its case once, by its number, and a decision is applied once, by its id in the
                // case's history; a triage notice has no id of its own, and is claimed
                .idempotent(PetitionReceived.class)
                .idempotent(PetitionRouted.class)
                .consumer();
    }
}
