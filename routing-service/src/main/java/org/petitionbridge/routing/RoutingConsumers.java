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
 * The events routing consumes, both topics through one binding, {@code routingEvents-in-0} ({@code multiplex: true}
 * in routing-service.yml): {@link EventBatches} takes the records of a poll, decodes each CloudEvent and hands it to
 * the method of its type, all in one transaction. A petition's events have its number as key, so the same partition
 * number on both topics and the same consumer thread: its registration and the ledger's changes of its case never
 * wait for each other's petition lock in two threads. An event that cannot be read, or of a type not listed here,
 * goes to the dead-letter topic of its own topic ({@code <topic>.routing.dlq}) at once; every dead letter is counted
 * (petition.deadletters, tagged with the topic).
 */
@Configuration(proxyBeanMethods = false)
class RoutingConsumers {

    @Bean
    Consumer<Message<List<byte[]>>> routingEvents(DecisionService decisions, LedgerCases cases,
            EventBatches batches) {
        return batches.multiplexed(DecisionLog.LOCKS)
                // every registered petition is routed once
                .on(PetitionReceived.class, p -> Arrays.asList(p.petitionNo()), decisions::onReceived)
                // routing remembers a petition once by its number, and routes it only then
                .idempotent(PetitionReceived.class)
                // the ledger's case changes: routing follows who handles each petition and what became of its
                // decisions, and decides again after an accepted objection
                .on(CaseStatusChanged.class, s -> Arrays.asList(s.petitionNo()), cases::onStatus)
                // by its own keys too: the case replaced only by a newer sequence, a decision's outcome set only
                // while PENDING, an accepted objection recorded (and decided on) once per petition and department
                .idempotent(CaseStatusChanged.class)
                .consumer();
    }
}
