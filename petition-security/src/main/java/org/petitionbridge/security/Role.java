package org.petitionbridge.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do, as named in its token's {@code roles} claim. A department's role follows from its kind in
 * the county's reference data ({@link #forDepartmentKind(String)}); analysts, intake channels and operators are
 * clients without a department.
 */
public enum Role {
    /** The petition bureau (信访局): the whole ledger, triage, manual assignment, rule sets, objections, 销号, identity with a purpose. */
    BUREAU,
    /** The superior office (政府办): extension, 复查 and 复核 decisions, reading every case. */
    SUPERVISOR,
    /** A handling department or township: its own cases only, its actions, its subscriptions and feed. */
    DEPARTMENT,
    /** Statistics and the analytics stream only. */
    ANALYST,
    /** A channel such as a 12345 hotline system: submits petitions only. */
    INTAKE_CHANNEL,
    /** Runs the platform: actuator endpoints (metrics, Prometheus) and maintenance such as rebuilding the ledger. */
    OPERATOR,
    /**
     * A county leader (分管信访的县领导), signed in as a person: reads every case, warning, project, screening round
     * and figure, as the bureau does; takes no action and never reads a petitioner's identity.
     */
    LEADER;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The role a department of the given kind holds (BUREAU, SUPERVISOR, or DEPARTMENT for every other kind). */
    public static Role forDepartmentKind(String kind) {
        if ("BUREAU".equals(kind)) {
            return BUREAU;
        }
        return "SUPERVISOR".equals(kind) ? SUPERVISOR : DEPARTMENT;
    }

    /** The role named by a claim value, or empty if it names none. */
    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
