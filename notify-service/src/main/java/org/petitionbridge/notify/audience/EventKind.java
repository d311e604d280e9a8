package org.petitionbridge.notify.audience;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.DisputeChanged;
import org.petitionbridge.events.ScreeningChanged;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.ProjectChanged;
import org.petitionbridge.events.WarningChanged;

/**
 * The kinds of event a department can subscribe to, by the short name a subscription uses: the four of a petition's
 * case, and risk's warnings, projects, screening rounds and disputes ({@link #isSituation()}).
 */
public enum EventKind {
    RECEIVED("received", PetitionReceived.TYPE),
    ROUTED("routed", PetitionRouted.TYPE),
    STATUS("status", CaseStatusChanged.TYPE),
    DEADLINE("deadline", DeadlineReached.TYPE),
    WARNING("warning", WarningChanged.TYPE),
    PROJECT("project", ProjectChanged.TYPE),
    SCREENING("screening", ScreeningChanged.TYPE),
    DISPUTE("dispute", DisputeChanged.TYPE);

    /** The short names, in the order of the enum: received, routed, status, deadline, warning, project, screening, dispute. */
    public static final List<String> NAMES = Arrays.stream(values()).map(EventKind::shortName).toList();

    /**
     * The short names as a pattern and as a 400 answer lists them, for Bean Validation constraints (annotation
     * values must be constants); {@code NewSubscriptionConstraintsTest} keeps both equal to {@link #NAMES}.
     */
    public static final String PATTERN = "received|routed|status|deadline|warning|project|screening|dispute";
    public static final String LISTED = "[received, routed, status, deadline, warning, project, screening, dispute]";

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

    /**
     * Whether the event is about a situation risk watches (a warning, a project, a screening round, an issue of the
     * 矛盾纠纷 ledger), not about one petition's case.
     */
    public boolean isSituation() {
        return this == WARNING || this == PROJECT || this == SCREENING || this == DISPUTE;
    }

    public static Optional<EventKind> byShortName(String name) {
        return Arrays.stream(values()).filter(k -> k.shortName.equals(name)).findFirst();
    }
}
