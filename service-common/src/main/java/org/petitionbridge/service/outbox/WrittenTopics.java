package org.petitionbridge.service.outbox;

import java.util.Arrays;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics a service writes, created at start-up when they do not exist, all with the platform's partitions and
 * replication factor ({@code petition-bridge.topics} in service-common.yml). Each service declares its own in its
 * {@code <Service>Topics} configuration with one bean: {@code WrittenTopics.of(partitions, replicas, Topics.X, ...)}.
 */
public final class WrittenTopics {

    private WrittenTopics() {
    }

    public static KafkaAdmin.NewTopics of(int partitions, short replicas, String... names) {
        return new KafkaAdmin.NewTopics(Arrays.stream(names)
                .map(name -> TopicBuilder.name(name).partitions(partitions).replicas(replicas).build())
                .toArray(NewTopic[]::new));
    }
}
