package org.petitionbridge.risk.warnings;

/** The situations risk warns of (docs/risk.md, "Warnings"). */
public enum WarningType {
    /** Petitions of one category clustering in one township (聚集). */
    CLUSTER("聚集"),
    /** A township's or a category's petitions far above their trailing weeks (激增). */
    SPIKE("激增"),
    /** A group petition (集体访) was registered. */
    GROUP_PETITION("集体访"),
    /** The same matter petitioned a third time or more (重复访). */
    REPEAT("重复访"),
    /** Petitions from a project's villages about what it does (项目). */
    PROJECT("项目");

    private final String chinese;

    WarningType(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
