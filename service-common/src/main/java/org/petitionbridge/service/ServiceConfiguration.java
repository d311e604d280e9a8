package org.petitionbridge.service;

import java.time.Clock;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.problems.ProblemDetailsAdvice;
import org.petitionbridge.service.tracing.EventTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every service's context has; its {@code <Service>Application} imports it: the clock (UTC; a test replaces
 * it with a {@code @Primary} one), the county's reference data, RFC 9457 problem details for every REST error, and
 * the tracing that carries a trace through the outbox ({@link EventTracing}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemDetailsAdvice.class)
public class ServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventTracing(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }
}
