package org.petitionbridge.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An issue of the 矛盾纠纷 ledger reported, acted on, overdue or carded (黄牌/红牌督办), as risk-service publishes it
 * on {@link Topics#RISK_DISPUTE}. Its summary describes the parties by role and number (risk refuses ID and mobile
 * numbers in it); the responsible person and the leader in charge are staff.
 *
 * @param disputeId             the id; also the Kafka key
 * @param action                REPORTED, PROGRESS, RESOLVE, STABILIZE, ESCALATE, CLOSE, REOPEN, OVERDUE, YELLOW_CARD,
 *                              RED_CARD, or WITHDRAWN (its report was amended before the round was due: the issue
 *                              is gone, its successor is REPORTED under a new id)
 * @param roundId               the screening round that found it
 * @param reportingUnit         the unit whose report found it (told of what becomes of it)
 * @param divisionCode          where it is
 * @param townshipCode          its township
 * @param category              its petition category
 * @param summary               what it is about
 * @param peopleInvolved        how many people
 * @param riskLevel             HIGH, MEDIUM or LOW
 * @param status                OPEN, IN_PROGRESS, ESCALATED, RESOLVED, STABILIZED or CLOSED after the change
 * @param responsibleDepartment the department that answers for it
 * @param responsiblePerson     its responsible person, or null
 * @param leaderInCharge        the leader in charge (包案领导), or null
 * @param leaderUnit            the unit of the leader in charge, told of cards, or null
 * @param resolveBy             its deadline
 * @param daysOverdue           days past the deadline (0 when not overdue)
 * @param projectId             the major project it concerns, or null
 * @param occurredAt            when it happened
 * @param sequence              the change number
 */
public record DisputeChanged(
        String disputeId,
        String action,
        String roundId,
        String reportingUnit,
        String divisionCode,
        String townshipCode,
        String category,
        String summary,
        int peopleInvolved,
        String riskLevel,
        String status,
        String responsibleDepartment,
        String responsiblePerson,
        String leaderInCharge,
        String leaderUnit,
        LocalDate resolveBy,
        int daysOverdue,
        String projectId,
        Instant occurredAt,
        long sequence) implements PlatformEvent {

    public static final String TYPE = "risk.dispute.v1";
    public static final String TOPIC = Topics.RISK_DISPUTE;

    @Override
    public String eventKey() {
        return disputeId;
    }
}
