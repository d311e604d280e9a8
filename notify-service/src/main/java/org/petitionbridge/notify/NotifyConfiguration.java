package org.petitionbridge.notify;

import org.petitionbridge.notify.audience.AudiencePolicy;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    @Bean
    AudiencePolicy audiencePolicy(VisibilityPolicy visibility) {
        return new AudiencePolicy(visibility);
    }
}
