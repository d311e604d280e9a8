package org.petitionbridge.ledger;

import java.time.Clock;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.NewTopic;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.events.Topics;
import org.petitionbridge.ledger.cases.CaseService;
import org.petitionbridge.ledger.cases.CaseStateMachine;
import org.petitionbridge.ledger.clocks.ClockPolicy;
import org.petitionbridge.ledger.clocks.WorkingCalendar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ClockPolicy.class)
class LedgerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }

    @Bean
    CaseStateMachine caseStateMachine(ClockPolicy policy, WorkingCalendar calendar) {
        return new CaseStateMachine(policy, calendar);
    }

    /** Binding petitionReceived-in-0: a registered petition opens a case. */
    @Bean
    Consumer<Message<byte[]>> petitionReceived(CaseService cases) {
        return m -> cases.onReceived(EventCodec.decode(m.getHeaders(), m.getPayload(), PetitionReceived.TYPE,
                PetitionReceived.class));
    }

    /** Binding petitionRouted-in-0: a routing decision assigns the case. */
    @Bean
    Consumer<Message<byte[]>> petitionRouted(CaseService cases) {
        return m -> cases.onRouted(EventCodec.decode(m.getHeaders(), m.getPayload(), PetitionRouted.TYPE,
                PetitionRouted.class));
    }

    /** Binding petitionTriaged-in-0: a petition no rule could place waits for the bureau. */
    @Bean
    Consumer<Message<byte[]>> petitionTriaged(CaseService cases) {
        return m -> cases.onTriaged(EventCodec.decode(m.getHeaders(), m.getPayload(), PetitionTriaged.TYPE,
                PetitionTriaged.class));
    }

    @Bean
    NewTopic statusTopic(@Value("${petition-bridge.topics.partitions}") int partitions,
            @Value("${petition-bridge.topics.replication-factor}") short replicas) {
        return TopicBuilder.name(Topics.STATUS).partitions(partitions).replicas(replicas).build();
    }

    @Bean
    NewTopic deadlineTopic(@Value("${petition-bridge.topics.partitions}") int partitions,
            @Value("${petition-bridge.topics.replication-factor}") short replicas) {
        return TopicBuilder.name(Topics.DEADLINE).partitions(partitions).replicas(replicas).build();
    }

    @Bean
    NewTopic analyticsTopic(@Value("${petition-bridge.topics.partitions}") int partitions,
            @Value("${petition-bridge.topics.replication-factor}") short replicas) {
        return TopicBuilder.name(Topics.ANALYTICS).partitions(partitions).replicas(replicas).build();
    }
}
