package org.petitionbridge.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.security.EndpointRules.PublicEndpoint;
import org.springdoc.core.utils.SpringDocUtils;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The security every service shares. Each service is an OAuth2 resource server: a request carries a JWT from the
 * platform's token issuer, checked for signature (keys from {@code jwk-set-uri}), issuer, audience and expiry
 * (the {@code spring.security.oauth2.resourceserver.jwt.*} settings in service-common.yml). The token's
 * {@code roles} claim becomes the caller's roles and its {@code department} claim the department it acts for.
 * <p>
 * Open without a token: health (for orchestrators), the OpenAPI documents ({@link #ALWAYS_PUBLIC}), and what the
 * service names as public in its own {@link EndpointRules} (the ledger's progress query). Every other actuator
 * endpoint needs {@link Role#OPERATOR}; everything the service's rules do not name is denied. The API document
 * ({@link ApiDocumentation}) declares the bearer token on every operation but the public ones.
 */
@Configuration(proxyBeanMethods = false)
@Import({RateLimits.class, ApiDocumentation.class})
public class PetitionBridgeSecurity implements WebMvcConfigurer {

    /** Open without a token in every service: health (for orchestrators), the API documents and the error page. */
    static final List<PublicEndpoint> ALWAYS_PUBLIC = List.of(PublicEndpoint.get("/actuator/health"),
            PublicEndpoint.get("/actuator/health/**"), PublicEndpoint.get("/v3/api-docs"),
            PublicEndpoint.get("/v3/api-docs/**"), PublicEndpoint.get("/v3/api-docs.yaml"),
            PublicEndpoint.get("/swagger-ui.html"), PublicEndpoint.get("/swagger-ui/**"),
            new PublicEndpoint(null, "/error"));

    static {
        // The Caller parameter is filled from the token, not from the request: keep it out of the API documents.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /** The one visibility policy (docs/security.md), for the service to apply to its own data. */
    @Bean
    VisibilityPolicy visibilityPolicy(ObjectProvider<CountyReference> counties) {
        return VisibilityPolicy.of(counties.getIfAvailable(CountyReference::demo));
    }

    @Bean
    SecurityFilterChain petitionBridgeFilterChain(HttpSecurity http, EndpointRules rules,
            RateLimits.Settings limits, ObjectProvider<MeterRegistry> meters, ObjectProvider<CountyReference> counties,
            @Value("${petition-bridge.http.max-in-flight:100}") int maxInFlight)
            throws Exception {
        CountyReference county = counties.getIfAvailable(CountyReference::demo);
        RateLimitFilter rateLimits = new RateLimitFilter(limits, meters);
        ProblemResponses problems = new ProblemResponses();
        http.csrf(csrf -> csrf.disable()) // no cookies, no sessions: bearer tokens only
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .anonymous(Customizer.withDefaults())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authenticationConverter(county)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(rateLimits, AuthorizationFilter.class)
                .addFilterBefore(new InFlightLimitFilter(maxInFlight, meters), DisableEncodeUrlFilter.class)
                .authorizeHttpRequests(authorize -> {
                    ALWAYS_PUBLIC.forEach(open -> permit(authorize, open));
                    authorize.requestMatchers("/actuator", "/actuator/**").hasRole(Role.OPERATOR.name());
                    rules.publicEndpoints().forEach(open -> permit(authorize, open));
                    rules.apply(authorize);
                    authorize.anyRequest().denyAll();
                });
        return http.build();
    }

    private static void permit(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry authorize,
            PublicEndpoint open) {
        if (open.method() == null) {
            authorize.requestMatchers(open.path()).permitAll();
        } else {
            authorize.requestMatchers(open.method(), open.path()).permitAll();
        }
    }

    /**
     * The token's {@code roles} claim as {@code ROLE_*} authorities, after checking that the token's roles and
     * department agree with the county (see {@link RolesClaim}).
     */
    static JwtAuthenticationConverter authenticationConverter(CountyReference county) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RolesClaim(county));
        return converter;
    }

    /**
     * A token's roles and department must agree, or it is refused with 401 (a mapping mistake at an identity
     * provider must not become a privilege): a department's token names a department of the county and exactly the
     * role of that department's kind (XFJ BUREAU, ZFB SUPERVISOR, every other DEPARTMENT); an analyst's, intake
     * channel's or operator's token names no department. Unknown role names are refused too.
     */
    static final class RolesClaim implements Converter<Jwt, Collection<GrantedAuthority>> {

        private final CountyReference county;

        RolesClaim(CountyReference county) {
            this.county = county;
        }

        @Override
        public Collection<GrantedAuthority> convert(Jwt jwt) {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                // every audit entry, idempotency key and rate limit names the subject: a token without one is refused
                throw refused("the token has no subject (sub)");
            }
            Object claim = jwt.getClaims().get(Caller.ROLES_CLAIM);
            if (!(claim instanceof Collection<?> values) || values.isEmpty()) {
                throw refused("the token has no roles claim");
            }
            for (Object value : values) {
                roles.add(Role.parse(String.valueOf(value))
                        .orElseThrow(() -> refused("the token names a role the platform does not know")));
            }
            String department = jwt.getClaimAsString(Caller.DEPARTMENT_CLAIM);
            boolean departmentRole = roles.contains(Role.BUREAU) || roles.contains(Role.SUPERVISOR)
                    || roles.contains(Role.DEPARTMENT);
            if (departmentRole) {
                String kind = department == null ? null
                        : county.department(department).map(CountyReference.Department::kind).orElse(null);
                if (kind == null) {
                    throw refused("a department's token must name a department of the county");
                }
                if (!roles.equals(EnumSet.of(Role.forDepartmentKind(kind)))) {
                    throw refused("the token's roles are not those of its department");
                }
            } else if (department != null) {
                throw refused("only a department's token may name a department");
            }
            if (roles.contains(Role.LEADER) && roles.size() > 1) {
                throw refused("the county leader's token carries the LEADER role alone");
            }
            List<GrantedAuthority> authorities = new ArrayList<>();
            roles.forEach(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
            return authorities;
        }

        private static InvalidBearerTokenException refused(String why) {
            return new InvalidBearerTokenException("Invalid token: " + why);
        }
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
