package org.petitionbridge.risk.warnings;

import java.util.EnumSet;
import java.util.Set;

/**
 * What people do about a warning, as a transition table: the statuses each action is allowed from, the status it
 * leads to, whether only the (acting) bureau may take it, and the field it requires.
 */
public enum WarningAction {
    /** A responsible department (or the bureau) takes the warning on, naming the person in charge. */
    ACKNOWLEDGE(EnumSet.of(WarningStatus.OPEN), WarningStatus.ACKNOWLEDGED, false, "person", "签收"),
    /** The measures taken; the warning is closed. */
    RESOLVE(EnumSet.of(WarningStatus.OPEN, WarningStatus.ACKNOWLEDGED), WarningStatus.RESOLVED, false, "measures",
            "化解办结"),
    /** The bureau closes a warning that needs no action, with a reason. */
    DISMISS(EnumSet.of(WarningStatus.OPEN, WarningStatus.ACKNOWLEDGED), WarningStatus.DISMISSED, true, "reason", "撤销");

    private final Set<WarningStatus> from;
    private final WarningStatus to;
    private final boolean bureauOnly;
    private final String requiredField;
    private final String chinese;

    WarningAction(Set<WarningStatus> from, WarningStatus to, boolean bureauOnly, String requiredField,
            String chinese) {
        this.chinese = chinese;
        this.from = from;
        this.to = to;
        this.bureauOnly = bureauOnly;
        this.requiredField = requiredField;
    }

    public boolean allowedFrom(WarningStatus status) {
        return from.contains(status);
    }

    public WarningStatus to() {
        return to;
    }

    public boolean bureauOnly() {
        return bureauOnly;
    }

    /** The body field this action needs: person, measures or reason. */
    public String requiredField() {
        return requiredField;
    }

    public String chinese() {
        return chinese;
    }

    /** The name of the event action it publishes: ACKNOWLEDGED, RESOLVED, DISMISSED. */
    public String published() {
        return to.name();
    }
}
