package org.petitionbridge.routing;

import java.time.Clock;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.NewTopic;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.routing.decisions.DecisionService;
import org.petitionbridge.routing.cases.LedgerCases;
import org.petitionbridge.routing.rules.RuleEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }

    @Bean
    RuleEngine ruleEngine(CountyReference county) {
        return new RuleEngine(county);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Binding petitionReceived-in-0: every registered petition is routed once. */
    @Bean
    Consumer<Message<byte[]>> petitionReceived(DecisionService decisions) {
        return message -> decisions.onReceived(EventCodec.decode(message.getHeaders(), message.getPayload(),
                PetitionReceived.TYPE, PetitionReceived.class));
    }

    /**
     * Binding petitionStatus-in-0: the ledger's case changes. Routing follows who handles each petition and what
     * became of its decisions, and decides again after an accepted objection.
     */
    @Bean
    Consumer<Message<byte[]>> petitionStatus(LedgerCases cases) {
        return message -> cases.onStatus(EventCodec.decode(message.getHeaders(), message.getPayload(),
                CaseStatusChanged.TYPE, CaseStatusChanged.class));
    }


    @Bean
    NewTopic routedTopic(@Value("${petition-bridge.topics.partitions}") int partitions,
            @Value("${petition-bridge.topics.replication-factor}") short replicas) {
        return TopicBuilder.name(Topics.ROUTED).partitions(partitions).replicas(replicas).build();
    }

    @Bean
    NewTopic triageTopic(@Value("${petition-bridge.topics.partitions}") int partitions,
            @Value("${petition-bridge.topics.replication-factor}") short replicas) {
        return TopicBuilder.name(Topics.TRIAGE).partitions(partitions).replicas(replicas).build();
    }
}
