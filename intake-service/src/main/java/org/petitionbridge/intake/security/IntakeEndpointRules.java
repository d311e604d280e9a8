package org.petitionbridge.intake.security;

import static org.petitionbridge.security.EndpointRules.names;

import org.petitionbridge.security.EndpointRules;
import org.petitionbridge.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which intake endpoint: the intake rows of docs/security.md. Anything not named here is denied by
 * the shared filter chain. Which petitions a department may see (those assigned to it) is decided by the
 * controllers: another petition answers 404, exactly like one that does not exist.
 */
@Configuration(proxyBeanMethods = false)
class IntakeEndpointRules {

    @Bean
    EndpointRules endpointRules() {
        return rules -> {
            rules.requestMatchers(HttpMethod.POST, "/api/v1/petitions")
                    .hasAnyRole(names(Role.BUREAU, Role.INTAKE_CHANNEL));
            // The county leader reads the petition (LEADER), never its petitioners or the audit.
            rules.requestMatchers(HttpMethod.GET, "/api/v1/petitions/{petitionNo}")
                    .hasAnyRole(names(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER));
            // the supervisor too: it takes the bureau's place for a petition complaining about the bureau (the
            // visibility policy decides each petition; any other answers 404)
            rules.requestMatchers(HttpMethod.GET, "/api/v1/petitions/{petitionNo}/petitioners")
                    .hasAnyRole(names(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT));
            rules.requestMatchers(HttpMethod.GET, "/api/v1/audit/identity-reads")
                    .hasAnyRole(names(Role.BUREAU, Role.SUPERVISOR));
            rules.requestMatchers(HttpMethod.GET, "/api/v1/audit/identity-reads/verification")
                    .hasAnyRole(names(Role.BUREAU, Role.OPERATOR));
        };
    }
}
