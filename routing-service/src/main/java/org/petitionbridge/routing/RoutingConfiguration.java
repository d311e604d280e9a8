package org.petitionbridge.routing;

import org.petitionbridge.routing.rules.RuleEngine;
import org.petitionbridge.service.county.CountyReference;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    RuleEngine ruleEngine(CountyReference county) {
        return new RuleEngine(county);
    }
}
