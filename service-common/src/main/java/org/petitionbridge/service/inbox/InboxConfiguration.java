package org.petitionbridge.service.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.service.deadletters.DeadLetterPublishing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * What every consuming service needs: the idempotent-consumer table and counted dead letters for every binding;
 * import it from the service's configuration.
 */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    /** Retries and counted dead letters for every consumer binding (see {@link DeadLetterPublishing}). */
    @Bean
    DeadLetterPublishing deadLetterPublishing(ProducerFactory<Object, Object> producers, MeterRegistry meters) {
        return new DeadLetterPublishing(producers, meters);
    }
}
