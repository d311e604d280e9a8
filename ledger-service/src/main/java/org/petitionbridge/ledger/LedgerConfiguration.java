package org.petitionbridge.ledger;

import java.time.Clock;

import org.petitionbridge.service.county.CountyReference;
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
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }

    @Bean
    CaseStateMachine caseStateMachine(ClockPolicy policy, WorkingCalendar calendar) {
        return new CaseStateMachine(policy, calendar);
    }
}
