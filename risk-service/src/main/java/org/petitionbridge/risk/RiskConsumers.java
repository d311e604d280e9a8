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
 * The events risk consumes.
 * One bean per binding, named after it ({@code petitionStatus} is binding {@code petitionStatus-in-0}; topic, group
 * and dead-letter topic in risk-service.yml): {@link EventBatches} takes the records of a poll, decodes each
 * CloudEvent and hands it to one method, all in one transaction. An event that cannot be read goes to the binding's dead-letter topic at once; every dead letter is
 * counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class RiskConsumers {

    /**
     * One batch at a time: each petition locks the warnings of every situation it belongs to (its township, its
     * category, its matter, its projects), which a batch would take in rounds and in no common order, so two
     * batches would wait for each other in a circle. A township's or a category's warning is shared by most
     * petitions anyway.
     */
    private static final EventBatches.Locks<Object> PETITIONS = EventBatches.Locks.serial("risk-petitions");

    /** Binding petitionReceived-in-0: a registered petition; risk keeps its facts and links it to projects. */
    @Bean
    Consumer<Message<List<byte[]>>> petitionReceived(PetitionFacts petitions, EventBatches batches) {
        return batches.of(PetitionReceived.class, PETITIONS, petitions::onReceived);
    }

    /** Binding petitionStatus-in-0: the ledger's latest status of each petition. */
    @Bean
    Consumer<Message<List<byte[]>>> petitionStatus(PetitionFacts petitions, EventBatches batches) {
        return batches.of(CaseStatusChanged.class, PETITIONS, petitions::onStatus);
    }
}
