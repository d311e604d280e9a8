package org.petitionbridge.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who makes a request, as its verified token says: the client, the department it acts for (null for analysts,
 * intake channels and operators) and its roles. A controller method receives it as a parameter.
 *
 * @param clientId   the OAuth2 client (the token's subject), e.g. {@code rsj} or {@code hotline}
 * @param department the department code the token names (upper case, e.g. {@code RSJ}), or null
 * @param roles      the roles the token grants
 */
public record Caller(String clientId, String department, Set<Role> roles) {

    /** The claim that names the department a token acts for. */
    public static final String DEPARTMENT_CLAIM = "department";
    /** The claim that lists a token's roles. */
    public static final String ROLES_CLAIM = "roles";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isBureau() {
        return has(Role.BUREAU);
    }

    /** The bureau, the supervisor and the county leader read every case; everyone else only its department's. */
    public boolean readsEveryCase() {
        return has(Role.BUREAU) || has(Role.SUPERVISOR) || has(Role.LEADER);
    }

    /** The department the caller acts for, for log lines and audit records: the department, else the client. */
    public String name() {
        return department != null ? department : clientId;
    }
}
