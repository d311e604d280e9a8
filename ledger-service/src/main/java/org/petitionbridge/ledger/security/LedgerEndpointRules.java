package org.petitionbridge.ledger.security;

import static org.petitionbridge.security.EndpointRules.names;
import static org.petitionbridge.security.Role.ANALYST;
import static org.petitionbridge.security.Role.BUREAU;
import static org.petitionbridge.security.Role.DEPARTMENT;
import static org.petitionbridge.security.Role.LEADER;
import static org.petitionbridge.security.Role.OPERATOR;
import static org.petitionbridge.security.Role.SUPERVISOR;

import java.util.List;

import org.petitionbridge.security.EndpointRules;
import org.petitionbridge.security.EndpointRules.PublicEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which endpoint of the ledger: the ledger rows of docs/security.md. Which cases a department sees
 * (its own: lead or co-handler) is decided by the controllers ({@code CaseAccess}); which action a caller may take
 * on a case by the state machine. Everything not named here is denied.
 */
@Configuration(proxyBeanMethods = false)
class LedgerEndpointRules {

    @Bean
    EndpointRules endpointRules() {
        // The petitioner's progress query: no token, the tracking code is the secret (rate-limited per address).
        return EndpointRules.withPublicEndpoints(List.of(PublicEndpoint.get("/api/v1/progress/*")), rules -> {
            // The 台账, a case and its history: departments see their own cases only.
            // The 台账, a case and its history: departments see their own cases only; the county leader reads all.
            rules.requestMatchers(HttpMethod.GET, "/api/v1/cases", "/api/v1/cases/*", "/api/v1/cases/*/history",
                            "/api/v1/cases/*/actions")
                    .hasAnyRole(names(BUREAU, SUPERVISOR, DEPARTMENT, LEADER));
            // Actions: each action type has its own rule in the state machine (403 role, 409 state).
            rules.requestMatchers(HttpMethod.POST, "/api/v1/cases/*/actions")
                    .hasAnyRole(names(BUREAU, SUPERVISOR, DEPARTMENT));
            rules.requestMatchers(HttpMethod.GET, "/api/v1/statistics")
                    .hasAnyRole(names(BUREAU, SUPERVISOR, ANALYST, LEADER));
            rules.requestMatchers(HttpMethod.GET, "/api/v1/calendar")
                    .hasAnyRole(names(BUREAU, SUPERVISOR, DEPARTMENT, ANALYST, LEADER));
            rules.requestMatchers(HttpMethod.PUT, "/api/v1/calendar").hasRole(BUREAU.name());
            rules.requestMatchers(HttpMethod.DELETE, "/api/v1/calendar/*").hasRole(BUREAU.name());
            rules.requestMatchers(HttpMethod.POST, "/api/v1/admin/rebuild").hasRole(OPERATOR.name());
        });
    }
}
