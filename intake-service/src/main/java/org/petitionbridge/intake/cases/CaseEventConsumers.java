package org.petitionbridge.intake.cases;

import java.util.function.Consumer;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionRouted;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The events intake consumes (bindings and dead-letter topics in intake-service.yml). An event that cannot be
 * read goes to the binding's dead-letter topic at once; every dead letter is counted (petition.deadletters).
 */
@Configuration(proxyBeanMethods = false)
class CaseEventConsumers {

    /** Binding petitionRouted-in-0: an assignment decision; the latest one says who may read identities. */
    @Bean
    Consumer<Message<byte[]>> petitionRouted(CaseTracking cases) {
        return m -> cases.onRouted(EventCodec.decode(m.getHeaders(), m.getPayload(), PetitionRouted.TYPE,
                PetitionRouted.class));
    }


    /** Binding petitionStatus-in-0: a case state change; closed petitions no longer attract repeats. */
    @Bean
    Consumer<Message<byte[]>> petitionStatus(CaseTracking cases) {
        return m -> cases.onStatus(EventCodec.decode(m.getHeaders(), m.getPayload(), CaseStatusChanged.TYPE,
                CaseStatusChanged.class));
    }
}
