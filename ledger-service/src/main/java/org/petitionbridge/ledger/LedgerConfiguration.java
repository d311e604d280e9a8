package org.petitionbridge.ledger;

import org.petitionbridge.ledger.cases.CaseStateMachine;
import org.petitionbridge.ledger.clocks.ClockPolicy;
import org.petitionbridge.ledger.clocks.WorkingCalendar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ClockPolicy.class)
class LedgerConfiguration {

    @Bean
    CaseStateMachine caseStateMachine(ClockPolicy policy, WorkingCalendar calendar) {
        return new CaseStateMachine(policy, calendar);
    }
}
