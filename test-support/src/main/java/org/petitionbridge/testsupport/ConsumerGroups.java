package org.petitionbridge.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What a service's consumer group has done with a topic, as the broker says. */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Waits until the group has committed every record of the topic written so far: after this, whatever the service
     * does with them is done (a consumer commits its effects before its offsets), also for an event whose effect is
     * to change nothing.
     */
    public static void awaitCaughtUp(String bootstrapServers, String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                ListOffsetsResult ends = admin.listOffsets(latest);
                for (TopicPartition partition : latest.keySet()) {
                    long end = ends.partitionResult(partition).get().offset();
                    OffsetAndMetadata done = committed.get(partition);
                    if (end > 0 && (done == null || done.offset() < end)) {
                        return false;
                    }
                }
                return true;
            });
        }
    }
}
