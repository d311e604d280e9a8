package org.petitionbridge.intake;

import org.apache.kafka.clients.admin.NewTopic;
import org.petitionbridge.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic intake writes, created at start-up if it does not exist. */
@Configuration(proxyBeanMethods = false)
class IntakeTopics {

    @Bean
    NewTopic receivedTopic(@Value("${petition-bridge.topics.partitions}") int partitions,
            @Value("${petition-bridge.topics.replication-factor}") short replicas) {
        return TopicBuilder.name(Topics.RECEIVED).partitions(partitions).replicas(replicas).build();
    }
}
