package org.petitionbridge.intake;

import java.util.List;
import java.util.function.Consumer;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.intake.cases.CaseTracking;
import org.petitionbridge.service.inbox.EventBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events intake consumes.
 * One bean per binding, named after it ({@code petitionStatus} is binding {@code petitionStatus-in-0}; topic, group
 * and dead-letter topic in intake-service.yml): {@link EventBatches} takes the records of a poll, decodes each
 * CloudEvent and hands it to one method, all in one transaction. An event that cannot be read goes to the binding's dead-letter topic at once; every dead letter is
 * counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class IntakeConsumers {

    /**
     * Binding petitionStatus-in-0: a change of the ledger's case; it says who handles the petition (identity access)
     * and whether it is still open (repeats). Idempotent by the petition and the case's sequence, so not claimed.
     */
    @Bean
    Consumer<Message<List<byte[]>>> petitionStatus(CaseTracking cases, EventBatches batches) {
        return batches.idempotent(CaseStatusChanged.class, cases::onStatus);
    }
}
