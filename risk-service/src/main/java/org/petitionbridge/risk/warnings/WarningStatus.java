package org.petitionbridge.risk.warnings;

/** Where a warning stands. OPEN and ACKNOWLEDGED warnings are open: a new petition of the situation joins them. */
public enum WarningStatus {
    /** Raised; nobody responsible has acknowledged it yet (a RED one escalates after the configured time). */
    OPEN,
    /** A responsible department (or the bureau) took it on, naming the person in charge. */
    ACKNOWLEDGED,
    /** Measures were taken; closed. */
    RESOLVED,
    /** The bureau found it needs no action, giving a reason; closed. */
    DISMISSED;

    public boolean isOpen() {
        return this == OPEN || this == ACKNOWLEDGED;
    }
}
