package org.petitionbridge.service.inbox;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.events.Topics;
import org.petitionbridge.service.deadletters.DeadLetterPublishing;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.outbox.WrittenTopics;
import org.petitionbridge.service.tracing.EventTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What every consuming service needs: the batch consumer, the idempotent-consumer table and counted dead letters
 * for every binding;
 * import it from the service's configuration.
 */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    /** The consumer of every binding: a poll's records in one transaction (see {@link EventBatches}). */
    @Bean
    EventBatches eventBatches(PlatformTransactionManager transactions, ProcessedEvents processed,
            ObjectProvider<EventTracing> tracing, JdbcTemplate jdbc) {
        JdbcClient client = JdbcClient.create(jdbc);
        return new EventBatches(transactions, processed, tracing.getIfAvailable(EventTracing::none),
                (scope, keys) -> AdvisoryLocks.lockAll(client, scope, keys));
    }

    /**
     * The dead-letter topics of the bindings that read several topics ({@code multiplex: true}), one per topic read:
     * {@code <topic>.<group>.dlq}, where {@link DeadLetterPublishing} writes them. The binder creates those of the
     * other bindings (their {@code dlq-name}), not these.
     */
    @Bean
    KafkaAdmin.NewTopics multiplexedDeadLetterTopics(BindingServiceProperties bindings,
            @Value("${petition-bridge.topics.partitions}") int partitions,
            @Value("${petition-bridge.topics.replication-factor}") short replicas) {
        List<String> names = new ArrayList<>();
        bindings.getBindings().forEach((name, binding) -> {
            if (binding.getConsumer() != null && binding.getConsumer().isMultiplex() && binding.getGroup() != null) {
                for (String topic : DeadLetterPublishing.topics(binding.getDestination())) {
                    names.add(Topics.deadLetter(topic, binding.getGroup()));
                }
            }
        });
        return WrittenTopics.of(partitions, replicas, names.toArray(String[]::new));
    }

    /** Retries and counted dead letters for every consumer binding (see {@link DeadLetterPublishing}). */
    @Bean
    DeadLetterPublishing deadLetterPublishing(ProducerFactory<Object, Object> producers, MeterRegistry meters) {
        return new DeadLetterPublishing(producers, meters);
    }
}
