package org.petitionbridge.service.problems;

/** The resource does not exist, or the caller may not know that it exists: answered 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
