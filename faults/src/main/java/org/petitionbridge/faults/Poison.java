package org.petitionbridge.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Poison: records that are not events (no CloudEvents headers, bytes that are not JSON), written straight to every
 * topic the platform consumes, one for every hundred of the topic's own records (the profile's share). Their keys
 * start with {@value #KEY_PREFIX}, so that the checks can tell them apart afterwards, in the topics and in the
 * dead-letter topics.
 */
final class Poison implements AutoCloseable {

    static final String KEY_PREFIX = "poison-";

    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final double percent;
    private final Set<String> topics;
    private final Map<String, Long> written = new ConcurrentHashMap<>();

    Poison(String bootstrapServers, double percent, Set<String> topics) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "request.timeout.ms", 5_000,
                "default.api.timeout.ms", 10_000));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
        this.percent = percent;
        this.topics = Set.copyOf(topics);
    }

    /** Tops every topic up to its share of poison; a broker that is down just makes it wait for the next call. */
    void tick() {
        for (String topic : topics) {
            try {
                long records = endOffsets(admin, List.of(topic)).values().stream().mapToLong(Long::longValue).sum();
                long poison = written.getOrDefault(topic, 0L);
                long target = (long) Math.floor((records - poison) * percent / 100.0);
                for (long n = poison; n < target; n++) {
                    String key = KEY_PREFIX + topic + "-" + n;
                    byte[] value = ("\u0000not an event " + n + " {").getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(topic, key, value)).get(15, TimeUnit.SECONDS);
                    written.merge(topic, 1L, Long::sum);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the run is ending: the caller's loop must see it
                return;
            } catch (Exception e) {
                return; // the broker is away; the next tick tops up
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    // --- reading topics, for the poison and the checks ----------------------------------------------------------

    static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (var description : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()),
                    OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new java.util.HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Every record of the topics (that exist), from the first to the last one written before the call. */
    static void scan(String bootstrapServers, Collection<String> topics, Consumer<ConsumerRecord<String, byte[]>> each)
            throws Exception {
        Map<TopicPartition, Long> ends;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> present = topics.stream().filter(existing::contains).toList();
            if (present.isEmpty()) {
                return;
            }
            ends = endOffsets(admin, present);
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>(ends.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " to its end in 5 minutes");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                });
            }
        }
    }

    /** Which consumer groups of the platform read which topic, as the broker sees their assignments now. */
    static Map<String, Set<String>> groupsByTopic(String bootstrapServers) throws Exception {
        Map<String, Set<String>> groups = new java.util.TreeMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            List<String> ids = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).toList();
            admin.describeConsumerGroups(ids).all().get(10, TimeUnit.SECONDS).forEach((id, description) ->
                    description.members().forEach(m -> m.assignment().topicPartitions().forEach(tp ->
                            groups.computeIfAbsent(tp.topic(), t -> new java.util.TreeSet<>()).add(id))));
        }
        return groups;
    }
}
