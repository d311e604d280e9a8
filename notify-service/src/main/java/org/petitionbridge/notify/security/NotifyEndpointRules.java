package org.petitionbridge.notify.security;

import static org.petitionbridge.security.Role.BUREAU;
import static org.petitionbridge.security.Role.DEPARTMENT;
import static org.petitionbridge.security.Role.SUPERVISOR;

import org.petitionbridge.security.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which notify endpoint (docs/security.md, the notify rows): departments, the supervisor and the
 * bureau, each for its own department's subscriptions, feed and deliveries (the services decide which objects:
 * another department's answers 404). Analysts, intake channels and operators get 403; anything not named here
 * is denied by the shared filter chain.
 */
@Configuration(proxyBeanMethods = false)
class NotifyEndpointRules {

    private static final String[] DEPARTMENTS = EndpointRules.names(BUREAU, SUPERVISOR, DEPARTMENT);

    @Bean
    EndpointRules endpointRules() {
        return rules -> {
            rules.requestMatchers(HttpMethod.POST, "/api/v1/subscriptions").hasAnyRole(DEPARTMENTS);
            rules.requestMatchers(HttpMethod.GET, "/api/v1/subscriptions").hasAnyRole(DEPARTMENTS);
            rules.requestMatchers(HttpMethod.DELETE, "/api/v1/subscriptions/*").hasAnyRole(DEPARTMENTS);
            rules.requestMatchers(HttpMethod.POST, "/api/v1/subscriptions/*/rotate-secret").hasAnyRole(DEPARTMENTS);
            rules.requestMatchers(HttpMethod.GET, "/api/v1/feed").hasAnyRole(DEPARTMENTS);
            rules.requestMatchers(HttpMethod.GET, "/api/v1/deliveries").hasAnyRole(DEPARTMENTS);
            rules.requestMatchers(HttpMethod.POST, "/api/v1/deliveries/*/redeliver").hasAnyRole(DEPARTMENTS);
        };
    }
}
