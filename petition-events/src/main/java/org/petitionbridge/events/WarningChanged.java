package org.petitionbridge.events;

import java.time.Instant;
import java.util.List;

/**
 * An early warning (预警) raised, updated, acted on or escalated, as risk-service publishes it on
 * {@link Topics#RISK_WARNING}. It names petitions by number only: no names, pseudonyms, subject or content.
 *
 * @param warningId             the warning's id; also the Kafka key
 * @param action                RAISED, UPDATED (more petitions joined, or the level rose), ACKNOWLEDGED, RESOLVED,
 *                              DISMISSED or ESCALATED (a RED warning nobody acknowledged in time: the bureau is told)
 * @param type                  CLUSTER, SPIKE, GROUP_PETITION, REPEAT or PROJECT
 * @param level                 RED, ORANGE or YELLOW
 * @param status                OPEN, ACKNOWLEDGED, RESOLVED or DISMISSED after the change
 * @param townshipCode          the township the warning is about, or {@code null}
 * @param category              the petition category it is about, or {@code null}
 * @param projectId             for a PROJECT warning, the project; else {@code null}
 * @param petitionNos           the petitions the warning names, oldest first: all of them, or the latest
 *                              {@value #NAMED} when it names more (GET /api/v1/warnings/{id} lists every one)
 * @param petitionCount         how many petitions the warning names in all (at least {@code petitionNos}' size;
 *                              an event written before the field existed reads as that size)
 * @param departments           the departments responsible for acting on it (属地 and 主管, or the project's)
 * @param explanation           what a clerk reads: what happened, against which rule
 * @param contradictsAssessment for a PROJECT warning on a project assessed LOW: the assessment is contradicted
 *                              (稳评结论与信访态势不符)
 * @param raisedAt              when the warning was raised
 * @param occurredAt            when this change happened
 * @param barredDepartments     every department a complaint of one of its petitions bars (回避): they are never
 *                              told of the warning, whatever their role or subscriptions
 * @param sequence              the warning's change number, 1 for RAISED and one more for each change after it
 */
public record WarningChanged(
        String warningId,
        String action,
        String type,
        String level,
        String status,
        String townshipCode,
        String category,
        String projectId,
        List<String> petitionNos,
        int petitionCount,
        List<String> departments,
        String explanation,
        boolean contradictsAssessment,
        Instant raisedAt,
        Instant occurredAt,
        List<String> barredDepartments,
        long sequence) implements PlatformEvent {

    public static final String TYPE = "risk.warning.v1";
    public static final String TOPIC = Topics.RISK_WARNING;

    /**
     * At most this many petition numbers in one event: a busy township's SPIKE names thousands, and every change of
     * it is one more event, feed entry and webhook per department.
     */
    public static final int NAMED = 50;

    public WarningChanged {
        petitionNos = List.copyOf(petitionNos);
        petitionCount = Math.max(petitionCount, petitionNos.size());
        departments = List.copyOf(departments);
        barredDepartments = List.copyOf(barredDepartments);
    }

    @Override
    public String eventKey() {
        return warningId;
    }
}
