package org.petitionbridge.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A major project registered, assessed (稳评) or decided, as risk-service publishes it on {@link Topics#RISK_PROJECT}.
 * It carries no personal data (a project names places, categories and households, never people) and no
 * description text.
 *
 * @param projectId    the project's id; also the Kafka key
 * @param action       REGISTERED, ASSESSED or DECIDED
 * @param name         the project's name, e.g. 东河村棚户区改造
 * @param department   the department responsible for the decision
 * @param divisions    the village or township codes the project touches
 * @param categories   the petition categories the project may cause
 * @param households   households affected
 * @param plannedStart the planned start, or {@code null}
 * @param status       DRAFT, ASSESSED, PROCEEDING, POSTPONED or REJECTED after the change
 * @param level        the latest assessment's level (LOW, MEDIUM, HIGH), or {@code null} before any
 * @param decision     PROCEED, POSTPONE or REJECT once decided, else {@code null}
 * @param occurredAt   when the change happened
 * @param sequence     the project's change number, 1 for REGISTERED and one more for each change after it
 */
public record ProjectChanged(
        String projectId,
        String action,
        String name,
        String department,
        List<String> divisions,
        List<String> categories,
        int households,
        LocalDate plannedStart,
        String status,
        String level,
        String decision,
        Instant occurredAt,
        long sequence) implements PlatformEvent {

    public static final String TYPE = "risk.project.v1";
    public static final String TOPIC = Topics.RISK_PROJECT;

    public ProjectChanged {
        divisions = List.copyOf(divisions);
        categories = List.copyOf(categories);
    }

    @Override
    public String eventKey() {
        return projectId;
    }
}
