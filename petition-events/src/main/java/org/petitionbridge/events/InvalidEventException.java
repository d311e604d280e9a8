package org.petitionbridge.events;

/** An event that cannot be read: its consumer sends it to the dead-letter topic instead of retrying. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
