package org.petitionbridge.service.problems;

/** 409: the state of the resource does not allow the action now (the rule says which state and why). */
public final class ConflictException extends RuleRefusal {

    public ConflictException(String rule, String message) {
        super(409, "The action is not allowed now", rule, message);
    }
}
