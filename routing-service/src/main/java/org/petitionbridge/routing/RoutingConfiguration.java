package org.petitionbridge.routing;

import java.time.Clock;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.routing.rules.RuleEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }

    @Bean
    RuleEngine ruleEngine(CountyReference county) {
        return new RuleEngine(county);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
