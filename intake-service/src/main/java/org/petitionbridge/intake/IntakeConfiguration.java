package org.petitionbridge.intake;

import java.time.Clock;

import org.petitionbridge.county.CountyReference;
import org.petitionbridge.intake.petitioners.IdentityProtection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProtection.EncryptionKeys.class)
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
