package org.petitionbridge.risk;

import org.petitionbridge.risk.projects.AssessmentRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AssessmentRules.class)
class RiskConfiguration {
}
