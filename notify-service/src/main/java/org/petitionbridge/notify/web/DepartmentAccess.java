package org.petitionbridge.notify.web;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.security.Caller;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * Whose records a caller sees. The department is the verified token's {@code department} claim (docs/security.md):
 * subscriptions, feed and deliveries are those of that department, and only the bureau may look at another
 * department's. Another department's subscription or delivery answers 404, exactly like one that does not exist.
 */
@Component
public class DepartmentAccess {

    private final CountyReference county;

    DepartmentAccess(CountyReference county) {
        this.county = county;
    }

    /**
     * The department the caller acts for, checked against the county's departments. A token that the endpoint
     * rules let through but that names no department of the county (a misconfigured identity provider) gets 403.
     */
    public String departmentOf(Caller caller) {
        String department = caller.department();
        if (department == null) {
            throw new ForbiddenException("department-required", "Your token names no department (claim "
                    + "'department'); subscriptions, feed and deliveries belong to a department, so only a "
                    + "department's token can use them");
        }
        if (county.department(department).isEmpty()) {
            throw new ForbiddenException("department-required",
                    "Your token's department is not a department of the county; ask the token issuer's operator");
        }
        return department;
    }

    /** The bureau (信访局) may look at, and manage, every department's subscriptions and deliveries. */
    public boolean seesEveryDepartment(Caller caller) {
        return caller.isBureau();
    }

    /**
     * Which department's records a listing shows: the caller's own; the bureau may name another with
     * {@code department}, or none to see every department's (null).
     */
    public String scope(Caller caller, String requested) {
        String own = departmentOf(caller);
        boolean named = requested != null && !requested.isBlank();
        if (seesEveryDepartment(caller)) {
            return named ? known(requested.trim()) : null;
        }
        if (named && !requested.trim().equals(own)) {
            throw new ForbiddenException("own-department-only",
                    "A department sees only its own records; only the bureau may name another department");
        }
        return own;
    }

    private String known(String code) {
        if (county.department(code).isEmpty()) {
            throw new InvalidRequestException("department", "must be a department code of the county (e.g. RSJ, T002)");
        }
        return code;
    }
}
