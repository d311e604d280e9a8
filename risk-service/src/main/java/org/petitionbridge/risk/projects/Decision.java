package org.petitionbridge.risk.projects;

/** The decision on a project after its assessment, and the status it leads to. */
public enum Decision {
    PROCEED(ProjectStatus.PROCEEDING), POSTPONE(ProjectStatus.POSTPONED), REJECT(ProjectStatus.REJECTED);

    private final ProjectStatus result;

    Decision(ProjectStatus result) {
        this.result = result;
    }

    public ProjectStatus result() {
        return result;
    }
}
