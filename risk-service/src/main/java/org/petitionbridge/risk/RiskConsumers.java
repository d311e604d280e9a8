package org.petitionbridge.risk;

import java.util.List;
import java.util.function.Consumer;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.risk.petitions.PetitionFacts;
import org.petitionbridge.service.inbox.EventBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events risk consumes, both topics through one binding, {@code riskEvents-in-0} ({@code multiplex: true} in
 * risk-service.yml): {@link EventBatches} takes the records of a poll, decodes each CloudEvent and hands it to the
 * method of its type, all in one transaction. An event that cannot be read, or of a type not listed here, goes to the
 * dead-letter topic of its own topic ({@code <topic>.risk.dlq}) at once; every dead letter is counted
 * (petition.deadletters, tagged with the topic).
 */
@Configuration(proxyBeanMethods = false)
class RiskConsumers {

    /**
     * One batch at a time: each petition locks the warnings of every situation it belongs to (its township, its
     * category, its matter, its projects), which a batch would take in rounds and in no common order, so two
     * batches would wait for each other in a circle. A township's or a category's warning is shared by most
     * petitions anyway.
     */
    @Bean
    Consumer<Message<List<byte[]>>> riskEvents(PetitionFacts petitions, EventBatches batches) {
        return batches.multiplexedSerial("risk-petitions")
                // a registered petition; risk keeps its facts and links it to projects
                .on(PetitionReceived.class, petitions::onReceived)
                // the ledger's latest status of each petition
                .on(CaseStatusChanged.class, petitions::onStatus)
                // the fact is inserted once by its number, a status replaced only by a newer sequence
                .idempotent(PetitionReceived.class).idempotent(CaseStatusChanged.class)
                .consumer();
    }
}
