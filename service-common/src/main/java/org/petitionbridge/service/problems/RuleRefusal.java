package org.petitionbridge.service.problems;

/**
 * The request is well formed but a rule refuses it; answered with the subclass's status and the rule's name
 * under {@code rule} (and in the problem type). {@link ConflictException} (409), {@link ForbiddenException} (403)
 * and {@link UnprocessableException} (422) are the three kinds.
 */
public abstract sealed class RuleRefusal extends RuntimeException
        permits ConflictException, ForbiddenException, UnprocessableException {

    private final int status;
    private final String title;
    private final String rule;

    RuleRefusal(int status, String title, String rule, String message) {
        super(message);
        this.status = status;
        this.title = title;
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    public int status() {
        return status;
    }

    /** The problem title for this kind of refusal. */
    String title() {
        return title;
    }
}
