package org.petitionbridge.routing.security;

import static org.petitionbridge.security.EndpointRules.names;

import org.petitionbridge.security.EndpointRules;
import org.petitionbridge.security.PetitionBridgeSecurity;
import org.petitionbridge.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which routing endpoint (docs/security.md, the routing rows). Rule sets, the preview, triage and manual
 * assignment are the bureau's; the decisions about a petition are also read by the supervisor and by the
 * departments that handle it (which petitions a department sees is decided in the controller: another petition
 * answers 404). Everything else is denied by {@link PetitionBridgeSecurity}.
 */
@Configuration(proxyBeanMethods = false)
class RoutingEndpointRules {

    private static final String BASE = "/api/v1/routing";

    @Bean
    EndpointRules endpointRules() {
        return rules -> {
            rules.requestMatchers(HttpMethod.GET, BASE + "/rule-sets/active", BASE + "/rule-sets/*")
                    .hasAnyRole(names(Role.BUREAU));
            rules.requestMatchers(HttpMethod.POST, BASE + "/rule-sets").hasAnyRole(names(Role.BUREAU));
            rules.requestMatchers(HttpMethod.POST, BASE + "/preview").hasAnyRole(names(Role.BUREAU));
            rules.requestMatchers(HttpMethod.GET, BASE + "/decisions/*")
                    .hasAnyRole(names(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER));
            // the supervisor too: it takes the bureau's place for a petition complaining about the bureau (the
            // visibility policy decides each petition)
            rules.requestMatchers(HttpMethod.GET, BASE + "/triage")
                    .hasAnyRole(names(Role.BUREAU, Role.SUPERVISOR, Role.LEADER));
            rules.requestMatchers(HttpMethod.POST, BASE + "/assignments")
                    .hasAnyRole(names(Role.BUREAU, Role.SUPERVISOR));
        };
    }
}
