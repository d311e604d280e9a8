package org.petitionbridge.service;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The one way the platform's own producers (the outbox relay, the dead-letter publisher) write: over the service's
 * producer factory (its bootstrap servers and Kafka security), with every in-sync replica's acknowledgement, an
 * idempotent producer, and short timeouts so that a broker outage is noticed and retried rather than waited out.
 */
public final class DurableProducers {

    private DurableProducers() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <K> KafkaTemplate<K, byte[]> template(ProducerFactory<?, ?> producers,
            Class<? extends Serializer<K>> keys, Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, keys,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000));
        settings.putAll(more);
        return new KafkaTemplate<>((ProducerFactory) producers, settings);
    }
}
