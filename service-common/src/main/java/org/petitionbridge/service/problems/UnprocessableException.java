package org.petitionbridge.service.problems;

/** 422: the request is valid on its own but contradicts one already accepted (a reused idempotency key). */
public final class UnprocessableException extends RuleRefusal {

    public UnprocessableException(String rule, String message) {
        super(422, "Unprocessable Content", rule, message);
    }
}
