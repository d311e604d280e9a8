package org.petitionbridge.risk.warnings;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.petitionbridge.events.WarningChanged;

/**
 * One warning's state. Changed only through its methods, which keep the rules: the level never falls while the
 * warning is open, the RED clock starts when it first becomes RED, an action is taken only from the statuses its
 * {@link WarningAction} allows, and every change counts one more in {@link #sequence()}.
 */
public final class Warning {

    private final UUID id;
    private final WarningType type;
    private final String situation;
    private final String townshipCode;
    private String category;
    private final UUID projectId;
    private final Instant raisedAt;
    private WarningLevel level;
    private WarningStatus status;
    private List<String> departments;
    private Set<String> barred;
    private List<String> latestPetitionNos;
    private int petitionCount;
    private List<String> joined = List.of();
    private String explanation;
    private boolean contradictsAssessment;
    private Instant updatedAt;
    private Instant redSince;
    private Instant escalatedAt;
    private Instant closedAt;
    private long sequence;

    private Warning(UUID id, WarningType type, String situation, String townshipCode, String category,
            UUID projectId, Instant raisedAt) {
        this.id = id;
        this.type = type;
        this.situation = situation;
        this.townshipCode = townshipCode;
        this.category = category;
        this.projectId = projectId;
        this.raisedAt = raisedAt;
    }

    /** A new warning of the situation, RAISED with its first petitions. */
    static Warning raise(Situation situation, Assessment assessment, Instant now) {
        Warning w = new Warning(UUID.randomUUID(), situation.type(), situation.key(), situation.townshipCode(),
                situation.category(), situation.projectId(), now);
        w.status = WarningStatus.OPEN;
        w.level = assessment.level();
        w.redSince = w.level == WarningLevel.RED ? now : null;
        w.apply(assessment, now);
        w.sequence = 1;
        return w;
    }

    /** A warning as stored. */
    static Warning stored(UUID id, WarningType type, String situation, String townshipCode, String category,
            UUID projectId, Instant raisedAt, WarningLevel level, WarningStatus status, List<String> departments,
            Set<String> barred, List<String> latestPetitionNos, int petitionCount, String explanation,
            boolean contradictsAssessment, Instant updatedAt, Instant redSince, Instant escalatedAt, Instant closedAt,
            long sequence) {
        Warning w = new Warning(id, type, situation, townshipCode, category, projectId, raisedAt);
        w.level = level;
        w.status = status;
        w.departments = List.copyOf(departments);
        w.barred = Set.copyOf(barred);
        w.latestPetitionNos = List.copyOf(latestPetitionNos);
        w.petitionCount = petitionCount;
        w.explanation = explanation;
        w.contradictsAssessment = contradictsAssessment;
        w.updatedAt = updatedAt;
        w.redSince = redSince;
        w.escalatedAt = escalatedAt;
        w.closedAt = closedAt;
        w.sequence = sequence;
        return w;
    }

    /**
     * The situation was assessed again (more petitions joined): true when anything a reader sees changed, which is
     * then one more change. The level only rises.
     */
    boolean update(Assessment assessment, Instant now) {
        WarningLevel risen = level.max(assessment.level());
        boolean categorised = category == null && assessment.category() != null;
        boolean changed = categorised || risen != level || assessment.petitionCount() != petitionCount
                || !assessment.latestPetitionNos().equals(latestPetitionNos)
                || !assessment.explanation().equals(explanation) || !assessment.departments().equals(departments)
                || !assessment.barred().equals(barred) || assessment.contradictsAssessment() != contradictsAssessment;
        if (!changed) {
            return false;
        }
        if (risen == WarningLevel.RED && redSince == null) {
            redSince = now;
        }
        level = risen;
        if (categorised) {
            category = assessment.category();
        }
        apply(assessment, now);
        sequence++;
        return true;
    }

    private void apply(Assessment assessment, Instant now) {
        departments = List.copyOf(assessment.departments());
        barred = Set.copyOf(assessment.barred());
        latestPetitionNos = List.copyOf(assessment.latestPetitionNos());
        petitionCount = assessment.petitionCount();
        joined = List.copyOf(assessment.joined());
        explanation = assessment.explanation();
        contradictsAssessment = assessment.contradictsAssessment();
        updatedAt = now;
    }

    /** Takes the action; the caller has checked who may. */
    void act(WarningAction action, Instant now) {
        if (!action.allowedFrom(status)) {
            throw new IllegalStateException(action + " is not allowed from " + status);
        }
        status = action.to();
        if (!status.isOpen()) {
            closedAt = now;
        }
        updatedAt = now;
        sequence++;
    }

    /** Whether a RED warning still OPEN has waited longer than allowed. */
    boolean escalationDue(Instant now, WarningRules.Escalation rule) {
        return status == WarningStatus.OPEN && level == WarningLevel.RED && escalatedAt == null && redSince != null
                && !redSince.plus(rule.redUnacknowledged()).isAfter(now);
    }

    void escalate(Instant now) {
        escalatedAt = now;
        updatedAt = now;
        sequence++;
    }

    /** The event of the change just made: RAISED, UPDATED, ACKNOWLEDGED, RESOLVED, DISMISSED or ESCALATED. */
    WarningChanged event(String action, Instant now) {
        return new WarningChanged(id.toString(), action, type.name(), level.name(), status.name(), townshipCode,
                category, projectId == null ? null : projectId.toString(), latestPetitionNos, petitionCount,
                departments, explanation, contradictsAssessment, raisedAt, now, List.copyOf(new LinkedHashSet<>(barred)),
                sequence);
    }

    public UUID id() { return id; }
    public WarningType type() { return type; }
    public String situation() { return situation; }
    public String townshipCode() { return townshipCode; }
    public String category() { return category; }
    public UUID projectId() { return projectId; }
    public Instant raisedAt() { return raisedAt; }
    public WarningLevel level() { return level; }
    public WarningStatus status() { return status; }
    public List<String> departments() { return departments; }
    public Set<String> barred() { return barred; }
    /** The petitions it names, oldest first: all, or the latest {@link WarningChanged#NAMED} when more. */
    public List<String> latestPetitionNos() { return latestPetitionNos; }
    /** How many petitions it names in all. */
    public int petitionCount() { return petitionCount; }
    /** The petitions its last change added (stored with it); none when loaded or acted on. */
    List<String> joined() { return joined; }
    public String explanation() { return explanation; }
    public boolean contradictsAssessment() { return contradictsAssessment; }
    public Instant updatedAt() { return updatedAt; }
    public Instant redSince() { return redSince; }
    public Instant escalatedAt() { return escalatedAt; }
    public Instant closedAt() { return closedAt; }
    public long sequence() { return sequence; }

    /**
     * What a situation looks like now: the petitions in it and what follows from them.
     *
     * @param latestPetitionNos the petitions it names, oldest first: all, or the latest {@link WarningChanged#NAMED}
     * @param petitionCount     how many it names in all
     * @param joined            the petitions this assessment adds to the warning
     * @param category          the category, when the situation learnt it only now (a group petition the ledger
     *                          categorised later); else null
     */
    record Assessment(List<String> latestPetitionNos, int petitionCount, List<String> joined, WarningLevel level,
            List<String> departments, Set<String> barred, String explanation, boolean contradictsAssessment,
            String category) {
    }
}
