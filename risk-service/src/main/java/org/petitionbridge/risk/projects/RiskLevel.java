package org.petitionbridge.risk.projects;

/**
 * The risk level of a project (NDRC 发改投资〔2012〕2492号, Art. 5): HIGH when most of the people affected object and
 * a group incident is possible, MEDIUM when some object strongly, LOW when most support it. Only a LOW project may
 * go ahead.
 */
public enum RiskLevel {
    LOW("低"), MEDIUM("中"), HIGH("高");

    private final String chinese;

    RiskLevel(String chinese) {
        this.chinese = chinese;
    }

    /** 低, 中 or 高, as the clerk reads it. */
    public String chinese() {
        return chinese;
    }
}
