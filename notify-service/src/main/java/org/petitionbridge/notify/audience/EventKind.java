package org.petitionbridge.notify.audience;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;

/** The four kinds of event a department can subscribe to, by the short name a subscription uses. */
public enum EventKind {
    RECEIVED("received", PetitionReceived.TYPE),
    ROUTED("routed", PetitionRouted.TYPE),
    STATUS("status", CaseStatusChanged.TYPE),
    DEADLINE("deadline", DeadlineReached.TYPE);

    /** The short names, in the order of the enum: received, routed, status, deadline. */
    public static final List<String> NAMES = Arrays.stream(values()).map(EventKind::shortName).toList();

    /**
     * The short names as a pattern and as a 400 answer lists them, for Bean Validation constraints (annotation
     * values must be constants); {@code NewSubscriptionConstraintsTest} keeps both equal to {@link #NAMES}.
     */
    public static final String PATTERN = "received|routed|status|deadline";
    public static final String LISTED = "[received, routed, status, deadline]";

    private final String shortName;
    private final String type;

    EventKind(String shortName, String type) {
        this.shortName = shortName;
        this.type = type;
    }

    public String shortName() {
        return shortName;
    }

    /** The CloudEvents type, e.g. petition.status.v1. */
    public String type() {
        return type;
    }

    public static Optional<EventKind> byShortName(String name) {
        return Arrays.stream(values()).filter(k -> k.shortName.equals(name)).findFirst();
    }
}
