package org.petitionbridge.risk.warnings;

/** How urgent a warning is, lowest first: YELLOW (关注), ORANGE (重视), RED (立即处置; unacknowledged, it escalates). */
public enum WarningLevel {
    YELLOW("黄色"), ORANGE("橙色"), RED("红色");

    private final String chinese;

    WarningLevel(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    public WarningLevel max(WarningLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
