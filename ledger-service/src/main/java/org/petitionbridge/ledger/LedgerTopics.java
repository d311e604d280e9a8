package org.petitionbridge.ledger;

import org.petitionbridge.events.Topics;
import org.petitionbridge.service.outbox.WrittenTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics the ledger writes, created at start-up if they do not exist: its events, and the dead-letter topics of
 * the three it reads (its one binding reads them together, so the binder does not create them; LedgerConsumers).
 */
@Configuration(proxyBeanMethods = false)
class LedgerTopics {

    @Bean
    KafkaAdmin.NewTopics writtenTopics(@Value("${petition-bridge.topics.partitions}") int partitions,
            @Value("${petition-bridge.topics.replication-factor}") short replicas,
            @Value("${spring.cloud.stream.bindings.petitionEvents-in-0.group}") String group) {
        return WrittenTopics.of(partitions, replicas, Topics.STATUS, Topics.DEADLINE, Topics.ANALYTICS,
                Topics.deadLetter(Topics.RECEIVED, group), Topics.deadLetter(Topics.ROUTED, group),
                Topics.deadLetter(Topics.TRIAGE, group));
    }
}
