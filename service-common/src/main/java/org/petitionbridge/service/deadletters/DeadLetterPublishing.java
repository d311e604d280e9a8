package org.petitionbridge.service.deadletters;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.petitionbridge.events.Topics;
import org.petitionbridge.service.DurableProducers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.petitionbridge.service.outage.Outage;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Retries and dead letters of every consumer binding, in the listener container instead of the binder, so that
 * each dead letter is counted once the broker has acknowledged it: metric {@code petition.deadletters}, tagged with
 * the binding, the consumed topic and the group. The binding's own settings still apply: {@code max-attempts} and
 * the back-off, {@code retryable-exceptions} (an {@code InvalidEventException} is dead-lettered at once), and the
 * dead-letter topic {@code dlq-name}. When the dead-letter topic cannot be written, the record is not skipped: it is
 * tried again, so nothing is lost.
 * <p>
 * A record that failed because the database or the broker could not be reached ({@link Outage}) is not a bad
 * record: it is tried again, every 1 to 5 seconds, until the outage is over (for up to 15 minutes), instead of being
 * dead-lettered after max-attempts. Its partition waits meanwhile, which keeps one petition's events in order.
 */
public class DeadLetterPublishing implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    public static final String METRIC = "petition.deadletters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublishing.class);

    private final KafkaTemplate<byte[], byte[]> template;
    private final MeterRegistry meters;

    public DeadLetterPublishing(ProducerFactory<?, ?> producers, MeterRegistry meters) {
        this.template = DurableProducers.template(producers, ByteArraySerializer.class, Map.of());
        this.meters = meters;
    }

    /** The binder leaves retries and dead letters to the container's error handler configured below. */
    @Override
    public boolean retryAndDlqInBinding(String destination, String group) {
        return false;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        configure(container, destination, group, dlqDestinationResolver, backOff, null);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        String binding = properties == null || properties.getBindingName() == null ? destination
                : properties.getBindingName();
        if (properties != null && properties.isMultiplex()) {
            dlqDestinationResolver = perTopic(binding, group, properties);
        }
        if (dlqDestinationResolver == null) {
            throw new IllegalStateException("Binding " + binding + " has no dead-letter topic: set enable-dlq and"
                    + " dlq-name, or a failing record would be skipped silently");
        }
        if (backOff == null) {
            throw new IllegalStateException("Binding " + binding + ": max-attempts must be 2 or more, so that failures"
                    + " reach the container's dead-letter recoverer");
        }
        // one counter per consumed topic (a multiplexed binding's destination names several), there from the start
        Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
        for (String topic : topics(destination)) {
            deadLetters.put(topic, Counter.builder(METRIC)
                    .description("records sent to a dead-letter topic after they could not be processed")
                    .tag("binding", binding).tag("topic", topic).tag("group", group == null ? "" : group)
                    .register(meters));
        }
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template, dlqDestinationResolver);
        ConsumerAwareRecordRecoverer countingPublisher = (record, consumer, exception) -> {
            publisher.accept(record, consumer, exception);
            deadLetters.computeIfAbsent(record.topic(), topic -> Counter.builder(METRIC)
                    .tag("binding", binding).tag("topic", topic).tag("group", group == null ? "" : group)
                    .register(meters)).increment();
            // Topic, partition and offset only: the record and the exception text stay in the dead-letter record.
            log.warn("Dead-lettered {}-{}@{} of binding {} ({})", record.topic(), record.partition(), record.offset(),
                    binding, rootCause(exception).getClass().getSimpleName());
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(countingPublisher, backOff);
        handler.setBackOffFunction((record, exception) -> Outage.isOutage(exception) ? untilTheOutageEnds() : null);
        if (properties != null) {
            if (!properties.isDefaultRetryable()) {
                handler.defaultFalse();
            }
            properties.getRetryableExceptions().forEach((type, retryable) -> classify(handler, type, retryable));
        }
        container.setCommonErrorHandler(handler);
    }

    /** The topics of a binding's destination (a multiplexed binding names several, comma-separated). */
    public static List<String> topics(String destination) {
        return Arrays.stream(StringUtils.commaDelimitedListToStringArray(destination)).map(String::trim).toList();
    }

    /**
     * The dead-letter topics of a binding that reads several topics ({@code multiplex}): each record's is the one of
     * its own topic and the group, {@code <topic>.<group>.dlq} as for every other binding, in the record's partition.
     * The binder would name one topic for them all ({@code dlq-name}), or provision {@code error.<topic>.<group>}
     * ones nobody reads; so such a binding sets {@code enable-dlq: false}, and {@code InboxConfiguration} creates its
     * dead-letter topics.
     */
    private static BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> perTopic(String binding, String group,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        if (group == null || group.isBlank()) {
            throw new IllegalStateException("Binding " + binding + " reads several topics and needs a group, which"
                    + " names its dead-letter topics");
        }
        if (properties.getExtension() != null && properties.getExtension().isEnableDlq()) {
            throw new IllegalStateException("Binding " + binding + " reads several topics: set its enable-dlq to"
                    + " false (the binder would create error.<topic>." + group + " topics); its dead letters go to"
                    + " <topic>." + group + ".dlq, which InboxConfiguration creates");
        }
        return (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic(), group),
                record.partition());
    }

    @SuppressWarnings("unchecked")
    private static void classify(DefaultErrorHandler handler, Class<? extends Throwable> type, Boolean retryable) {
        if (!Exception.class.isAssignableFrom(type)) {
            return;
        }
        Class<? extends Exception> exception = (Class<? extends Exception>) type;
        if (Boolean.TRUE.equals(retryable)) {
            handler.addRetryableExceptions(exception);
        } else {
            handler.addNotRetryableExceptions(exception);
        }
    }

    /**
     * 1 s, 2 s, 4 s, then every 5 s, for up to {@link #OUTAGE_PATIENCE}: the outage ends (the consumer lag grows
     * meanwhile and ConsumerLagGrowing fires), or the record goes to the dead-letter topic after all, to be replayed.
     * The bound is there because the back-off is chosen at a record's first failure: a record that failed first by an
     * outage and then fails for a reason of its own must not hold its partition for ever.
     */
    static BackOff untilTheOutageEnds() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(Outage.RETRY_AFTER.toMillis());
        backOff.setMaxElapsedTime(OUTAGE_PATIENCE.toMillis());
        return backOff;
    }

    /** How long a record that failed by an outage is retried before it is dead-lettered. */
    public static final java.time.Duration OUTAGE_PATIENCE = java.time.Duration.ofMinutes(15);

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Closes the dead-letter producer (it is not a bean of the context). */
    @Override
    public void destroy() {
        template.destroy();
    }
}
