package org.petitionbridge.service;

import java.time.Clock;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.problems.ProblemDetailsAdvice;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every service's context has; its {@code <Service>Application} imports it: the clock (UTC; a test replaces
 * it with a {@code @Primary} one), the county's reference data, and RFC 9457 problem details for every REST error.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemDetailsAdvice.class)
public class ServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }
}
