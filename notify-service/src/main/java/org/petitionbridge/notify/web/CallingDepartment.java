package org.petitionbridge.notify.web;

import org.petitionbridge.county.CountyReference;
import org.petitionbridge.notify.audience.AudiencePolicy;
import org.petitionbridge.web.ConflictException;
import org.petitionbridge.web.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * The department making a request. Until the platform's token issuer is wired in, the caller names its
 * department in the {@code X-Department} header; subscriptions, feed and deliveries are then those of that
 * department, and only the bureau may look at other departments'.
 */
@Component
public class CallingDepartment {

    public static final String HEADER = "X-Department";

    private final CountyReference county;
    private final String bureau;

    CallingDepartment(CountyReference county, AudiencePolicy policy) {
        this.county = county;
        this.bureau = policy.bureau();
    }

    /** The calling department, checked against the county's departments. */
    public String require(String header) {
        if (header == null || header.isBlank()) {
            throw new InvalidRequestException(HEADER, "is required: the code of the calling department, e.g. RSJ");
        }
        return check(header.trim());
    }

    /** The calling department if the header is given, else null. */
    public String optional(String header) {
        return header == null || header.isBlank() ? null : check(header.trim());
    }

    private String check(String code) {
        if (county.department(code).isEmpty()) {
            throw new InvalidRequestException(HEADER, "must be a department code of the county (e.g. RSJ, T002)");
        }
        return code;
    }

    public boolean isBureau(String department) {
        return bureau.equals(department);
    }

    /**
     * Which department's records the caller sees: its own; the bureau may name another with {@code department}
     * (or null: every department's).
     */
    public String scope(String caller, String requested) {
        if (isBureau(caller)) {
            return requested == null || requested.isBlank() ? null : check(requested.trim());
        }
        if (requested != null && !requested.isBlank() && !requested.trim().equals(caller)) {
            throw new ConflictException(403, "own-department-only",
                    "A department sees only its own records; only the bureau may name another department");
        }
        return caller;
    }
}
