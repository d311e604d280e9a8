package org.petitionbridge.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's table of who may call which endpoint (function-level authorization). Every service declares one
 * bean; whatever it does not name is denied ({@link PetitionBridgeSecurity}), so a new endpoint without a rule
 * answers 403 until somebody decides who may call it. Which objects a caller may see is decided by the service
 * itself (object-level authorization: another department's case answers 404).
 * <p>
 * An endpoint that needs no token is not written with {@code permitAll()} in {@link #apply}: it is named in
 * {@link #publicEndpoints()}, from which the shared filter chain permits it and the API document leaves it without
 * a security requirement ({@link ApiDocumentation}), so that the two cannot disagree.
 */
@FunctionalInterface
public interface EndpointRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    /** The service's endpoints that anyone may call without a token; none unless the service names them. */
    default List<PublicEndpoint> publicEndpoints() {
        return List.of();
    }

    /** The given rules, with endpoints that need no token (such as the ledger's progress query). */
    static EndpointRules withPublicEndpoints(List<PublicEndpoint> publicEndpoints, EndpointRules rules) {
        List<PublicEndpoint> open = List.copyOf(publicEndpoints);
        return new EndpointRules() {
            @Override
            public void apply(
                    AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
                rules.apply(registry);
            }

            @Override
            public List<PublicEndpoint> publicEndpoints() {
                return open;
            }
        };
    }

    /** The role names of the given roles, for {@code hasAnyRole(...)}. */
    static String[] names(Role... roles) {
        String[] names = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            names[i] = roles[i].name();
        }
        return names;
    }

    /**
     * An endpoint that needs no token: a method (null for every method) and a path pattern as Spring Security's
     * request matchers take it, e.g. {@code /api/v1/progress/*}.
     */
    record PublicEndpoint(HttpMethod method, String path) {

        public PublicEndpoint {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("A public endpoint needs a path pattern starting with /");
            }
        }

        public static PublicEndpoint get(String path) {
            return new PublicEndpoint(HttpMethod.GET, path);
        }
    }
}
