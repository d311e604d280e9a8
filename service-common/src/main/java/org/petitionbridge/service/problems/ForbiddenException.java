package org.petitionbridge.service.problems;

/**
 * 403 decided by a rule of the service (own department only, only the acting bureau assigns...), after the
 * endpoint rules already let the caller's role in.
 */
public final class ForbiddenException extends RuleRefusal {

    public ForbiddenException(String rule, String message) {
        super(403, "Forbidden", rule, message);
    }
}
