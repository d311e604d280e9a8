package org.petitionbridge.risk;

import org.petitionbridge.risk.projects.AssessmentRules;
import org.petitionbridge.risk.screening.ScreeningRules;
import org.petitionbridge.risk.warnings.WarningRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** risk's rules (assessment, warnings, screening; from risk-service.yml) and its scheduled scans. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({AssessmentRules.class, WarningRules.class, ScreeningRules.class})
class RiskConfiguration {
}
