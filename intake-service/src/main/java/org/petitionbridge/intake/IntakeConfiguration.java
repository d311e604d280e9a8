package org.petitionbridge.intake;

import java.time.Clock;

import org.petitionbridge.service.county.CountyReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
