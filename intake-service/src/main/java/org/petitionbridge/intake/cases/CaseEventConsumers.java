package org.petitionbridge.intake.cases;

import java.util.function.Consumer;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events intake consumes (bindings and dead-letter topics in intake-service.yml). An event that cannot be
 * read goes to the binding's dead-letter topic at once; every dead letter is counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class CaseEventConsumers {

    /**
     * Binding petitionStatus-in-0: a change of the ledger's case; it says who handles the petition (identity access)
     * and whether it is still open (repeats).
     */
    @Bean
    Consumer<Message<byte[]>> petitionStatus(CaseTracking cases) {
        return m -> cases.onStatus(EventCodec.decode(m.getHeaders(), m.getPayload(), CaseStatusChanged.TYPE,
                CaseStatusChanged.class));
    }
}
