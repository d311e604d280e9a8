package org.petitionbridge.risk;

import org.petitionbridge.risk.projects.AssessmentRules;
import org.petitionbridge.risk.warnings.WarningRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** risk's rules (assessment and warnings, from risk-service.yml) and its scheduled escalation scan. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({AssessmentRules.class, WarningRules.class})
class RiskConfiguration {
}
