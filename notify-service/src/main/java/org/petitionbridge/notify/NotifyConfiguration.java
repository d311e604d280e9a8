package org.petitionbridge.notify;

import java.time.Clock;
import java.util.function.Consumer;

import org.petitionbridge.county.CountyReference;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.notify.deliveries.DeliveryPlanner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Binding petitionStatus-in-0: every case status change is planned for delivery to the departments it concerns. */
    @Bean
    Consumer<Message<byte[]>> petitionStatus(DeliveryPlanner planner) {
        return m -> planner.onStatus(EventCodec.decode(m.getHeaders(), m.getPayload(), CaseStatusChanged.TYPE,
                CaseStatusChanged.class));
    }
}
