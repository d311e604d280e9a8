package org.petitionbridge.risk.security;

import static org.petitionbridge.security.EndpointRules.names;
import static org.petitionbridge.security.Role.ANALYST;
import static org.petitionbridge.security.Role.BUREAU;
import static org.petitionbridge.security.Role.DEPARTMENT;
import static org.petitionbridge.security.Role.LEADER;
import static org.petitionbridge.security.Role.SUPERVISOR;

import org.petitionbridge.security.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which endpoint of risk (docs/risk.md; docs/security.md). Which projects and warnings a department
 * sees (those it is responsible for) and which petitions of a project (never one whose complaint bars it) is the
 * visibility policy's, applied by the service; everything not named here is denied.
 */
@Configuration(proxyBeanMethods = false)
class RiskEndpointRules {

    @Bean
    EndpointRules endpointRules() {
        return rules -> {
            rules.requestMatchers(HttpMethod.POST, "/api/v1/projects", "/api/v1/projects/*/assessments",
                    "/api/v1/projects/*/decision").hasAnyRole(names(BUREAU, DEPARTMENT));
            rules.requestMatchers(HttpMethod.GET, "/api/v1/projects", "/api/v1/projects/*",
                    "/api/v1/projects/*/petitions").hasAnyRole(names(BUREAU, SUPERVISOR, DEPARTMENT, LEADER));
            rules.requestMatchers(HttpMethod.GET, "/api/v1/warnings", "/api/v1/warnings/rules", "/api/v1/warnings/*")
                    .hasAnyRole(names(BUREAU, SUPERVISOR, DEPARTMENT, LEADER));
            rules.requestMatchers(HttpMethod.POST, "/api/v1/screening/rounds").hasAnyRole(names(BUREAU));
            rules.requestMatchers(HttpMethod.POST, "/api/v1/screening/rounds/*/reports").hasAnyRole(names(DEPARTMENT));
            rules.requestMatchers(HttpMethod.GET, "/api/v1/screening/rounds", "/api/v1/screening/rounds/*",
                    "/api/v1/screening/rounds/*/reports/*", "/api/v1/screening/rounds/*/coverage", "/api/v1/disputes",
                    "/api/v1/disputes/*").hasAnyRole(names(BUREAU, SUPERVISOR, DEPARTMENT, LEADER));
            rules.requestMatchers(HttpMethod.GET, "/api/v1/screening/statistics")
                    .hasAnyRole(names(BUREAU, SUPERVISOR, DEPARTMENT, ANALYST, LEADER));
            rules.requestMatchers(HttpMethod.POST, "/api/v1/disputes/*/actions").hasAnyRole(names(BUREAU, DEPARTMENT));
            rules.requestMatchers(HttpMethod.GET, "/api/v1/petitions/*/related")
                    .hasAnyRole(names(BUREAU, SUPERVISOR, DEPARTMENT, LEADER));
            // the supervisor acts for the bureau on a warning one of whose petitions complains about the bureau
            rules.requestMatchers(HttpMethod.POST, "/api/v1/warnings/*/actions")
                    .hasAnyRole(names(BUREAU, SUPERVISOR, DEPARTMENT));
        };
    }
}
