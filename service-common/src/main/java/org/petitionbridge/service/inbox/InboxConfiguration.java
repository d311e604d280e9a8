package org.petitionbridge.service.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.service.deadletters.DeadLetterPublishing;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.tracing.EventTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** Retries and counted dead letters for every consumer binding (see {@link DeadLetterPublishing}). */
    @Bean
    DeadLetterPublishing deadLetterPublishing(ProducerFactory<Object, Object> producers, MeterRegistry meters) {
        return new DeadLetterPublishing(producers, meters);
    }
}
