package org.petitionbridge.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's table of who may call which endpoint (function-level authorization). Every service declares one
 * bean; whatever it does not name is denied ({@link PetitionBridgeSecurity}), so a new endpoint without a rule
 * answers 403 until somebody decides who may call it. Which objects a caller may see is decided by the service
 * itself (object-level authorization: another department's case answers 404).
 */
@FunctionalInterface
public interface EndpointRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    /** The role names of the given roles, for {@code hasAnyRole(...)}. */
    static String[] names(Role... roles) {
        String[] names = new String[roles.length];
        for (int i = 0; i < roles.length; i++) {
            names[i] = roles[i].name();
        }
        return names;
    }
}
