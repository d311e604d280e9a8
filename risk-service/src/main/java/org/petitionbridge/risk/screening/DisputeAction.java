package org.petitionbridge.risk.screening;

import java.util.EnumSet;
import java.util.Set;

import static org.petitionbridge.risk.screening.DisputeStatus.CLOSED;
import static org.petitionbridge.risk.screening.DisputeStatus.ESCALATED;
import static org.petitionbridge.risk.screening.DisputeStatus.IN_PROGRESS;
import static org.petitionbridge.risk.screening.DisputeStatus.OPEN;
import static org.petitionbridge.risk.screening.DisputeStatus.RESOLVED;
import static org.petitionbridge.risk.screening.DisputeStatus.STABILIZED;

/**
 * What is done about an issue of the ledger, as a transition table: the statuses an action is allowed from, the
 * status it leads to, whether only the (acting) bureau takes it, and the body field it needs.
 */
public enum DisputeAction {
    /** Measures taken (the responsible department, or the bureau). */
    PROGRESS(EnumSet.of(OPEN, IN_PROGRESS, ESCALATED), IN_PROGRESS, false, "note", "化解进展"),
    /** Settled (化解), with the result. */
    RESOLVE(EnumSet.of(OPEN, IN_PROGRESS, ESCALATED, STABILIZED), RESOLVED, false, "note", "化解"),
    /** Cannot be resolved now (稳控), with the reason. */
    STABILIZE(EnumSet.of(OPEN, IN_PROGRESS, ESCALATED), STABILIZED, false, "note", "稳控"),
    /** To the leader in charge or a dedicated team (专班), saying which and why. */
    ESCALATE(EnumSet.of(OPEN, IN_PROGRESS, STABILIZED), ESCALATED, false, "note", "提级"),
    /** Struck off (销号): the bureau confirms it is resolved. */
    CLOSE(EnumSet.of(RESOLVED), CLOSED, true, null, "销号"),
    /** The bureau reopens a resolved, stabilised or struck-off issue, with the reason. */
    REOPEN(EnumSet.of(RESOLVED, STABILIZED, CLOSED), IN_PROGRESS, true, "note", "重新交办");

    private final Set<DisputeStatus> from;
    private final DisputeStatus to;
    private final boolean bureauOnly;
    private final String requiredField;
    private final String chinese;

    DisputeAction(Set<DisputeStatus> from, DisputeStatus to, boolean bureauOnly, String requiredField,
            String chinese) {
        this.from = from;
        this.to = to;
        this.bureauOnly = bureauOnly;
        this.requiredField = requiredField;
        this.chinese = chinese;
    }

    public boolean allowedFrom(DisputeStatus status) {
        return from.contains(status);
    }

    public DisputeStatus to() {
        return to;
    }

    public boolean bureauOnly() {
        return bureauOnly;
    }

    /** The body field this action needs, or null. */
    public String requiredField() {
        return requiredField;
    }

    public String chinese() {
        return chinese;
    }
}
