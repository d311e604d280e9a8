package org.petitionbridge.risk.screening;

/** Where an issue of the 矛盾纠纷 ledger stands. */
public enum DisputeStatus {
    /** Reported; nothing done yet. */
    OPEN("待化解"),
    /** Measures are being taken. */
    IN_PROGRESS("化解中"),
    /** Handed to the leader in charge or a dedicated team (专班). */
    ESCALATED("已提级"),
    /** Settled (化解); waits for the bureau's 销号. */
    RESOLVED("已化解"),
    /** Cannot be resolved now; kept stable (稳控), with the reason. */
    STABILIZED("稳控中"),
    /** Struck off (销号) by the bureau after it was resolved. */
    CLOSED("已销号");

    private final String chinese;

    DisputeStatus(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Whether the issue still runs against its deadline (overdue flags and cards). */
    public boolean isOpen() {
        return this == OPEN || this == IN_PROGRESS || this == ESCALATED;
    }
}
