package org.petitionbridge.service.problems;

/**
 * The request is well formed but the state of the resource or a rule does not allow it: answered with the
 * given status (409 by default, 422 for a reused idempotency key) and the rule that refused it.
 */
public class ConflictException extends RuntimeException {

    private final String rule;
    private final int status;

    public ConflictException(String rule, String message) {
        this(409, rule, message);
    }

    public ConflictException(int status, String rule, String message) {
        super(message);
        this.rule = rule;
        this.status = status;
    }

    public String rule() {
        return rule;
    }

    public int status() {
        return status;
    }
}
