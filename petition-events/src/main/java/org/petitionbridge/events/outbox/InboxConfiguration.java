package org.petitionbridge.events.outbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The idempotent-consumer table of a service that consumes events; import it from the service's configuration. */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }
}
