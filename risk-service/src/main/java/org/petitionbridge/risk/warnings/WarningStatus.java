package org.petitionbridge.risk.warnings;

/** Where a warning stands. OPEN and ACKNOWLEDGED warnings are open: a new petition of the situation joins them. */
public enum WarningStatus {
    /** Raised; nobody responsible has acknowledged it yet (a RED one escalates after the configured time). */
    OPEN("待签收"),
    /** A responsible department (or the bureau) took it on, naming the person in charge. */
    ACKNOWLEDGED("已签收"),
    /** Measures were taken; closed. */
    RESOLVED("已化解"),
    /** The bureau found it needs no action, giving a reason; closed. */
    DISMISSED("已撤销");

    private final String chinese;

    WarningStatus(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    public boolean isOpen() {
        return this == OPEN || this == ACKNOWLEDGED;
    }
}
