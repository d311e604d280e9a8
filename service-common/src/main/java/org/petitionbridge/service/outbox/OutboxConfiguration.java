package org.petitionbridge.service.outbox;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.petitionbridge.service.DurableProducers;
import org.petitionbridge.service.inbox.InboxConfiguration;
import org.petitionbridge.service.tracing.EventTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of a service that writes events; import it from the service's configuration. The CloudEvents
 * source of the service is {@code petition-bridge.events.source}.
 */
@Configuration(proxyBeanMethods = false)
@Import(InboxConfiguration.class)
public class OutboxConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            ProducerFactory<Object, Object> producers, MeterRegistry meters,
            @Value("${petition-bridge.events.source}") String source,
            @Value("${petition-bridge.outbox.batch-size:500}") int batchSize,
            @Value("${petition-bridge.outbox.poll-interval:500ms}") Duration pollInterval,
            @Value("${petition-bridge.outbox.send-timeout:15s}") Duration sendTimeout) {
        KafkaTemplate<String, byte[]> kafka = DurableProducers.template(producers, StringSerializer.class,
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 1));
        return new OutboxRelay(jdbc, new TransactionTemplate(transactions), kafka, source, batchSize,
                pollInterval, sendTimeout, meters);
    }

    @Bean
    OutboxWriter outboxWriter(JdbcTemplate jdbc, OutboxRelay relay, ObjectProvider<EventTracing> tracing,
            @Value("${petition-bridge.events.source}") String source) {
        return new OutboxWriter(jdbc, source, relay, tracing.getIfAvailable(EventTracing::none));
    }
}
