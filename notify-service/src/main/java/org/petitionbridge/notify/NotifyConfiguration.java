package org.petitionbridge.notify;

import java.time.Clock;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.notify.audience.AudiencePolicy;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean
    CountyReference countyReference() {
        return CountyReference.demo();
    }

    @Bean
    AudiencePolicy audiencePolicy(VisibilityPolicy visibility) {
        return new AudiencePolicy(visibility);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
