package org.petitionbridge.ledger;

import org.petitionbridge.events.Topics;
import org.petitionbridge.service.outbox.WrittenTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics the ledger writes, created at start-up if they do not exist. */
@Configuration(proxyBeanMethods = false)
class LedgerTopics {

    @Bean
    KafkaAdmin.NewTopics writtenTopics(@Value("${petition-bridge.topics.partitions}") int partitions,
            @Value("${petition-bridge.topics.replication-factor}") short replicas) {
        return WrittenTopics.of(partitions, replicas, Topics.STATUS, Topics.DEADLINE, Topics.ANALYTICS);
    }
}
