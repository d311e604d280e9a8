package org.petitionbridge.risk.projects;

/** Where a project stands: registered, assessed, and the decision taken on it. */
public enum ProjectStatus {
    /** Registered; no assessment yet. */
    DRAFT,
    /** Assessed at least once; no decision yet. */
    ASSESSED,
    /** Decided: it goes ahead (only after a LOW assessment); its risk is followed while it runs. */
    PROCEEDING,
    /** Decided: postponed until measures are taken and it is assessed again. */
    POSTPONED,
    /** Decided: it does not go ahead. Nothing more is decided on it. */
    REJECTED;

    /** Whether a decision may still be taken. */
    public boolean awaitsDecision() {
        return this == ASSESSED || this == POSTPONED;
    }
}
