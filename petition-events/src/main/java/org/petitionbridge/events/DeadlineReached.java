package org.petitionbridge.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A statutory clock event, as ledger-service publishes it on {@link Topics#DEADLINE}: once per case, clock and
 * kind. DUE_SOON and OVERDUE concern the lead department; ESCALATED (督办) concerns the bureau and the supervisor.
 *
 * @param petitionNo                  the petition number; also the Kafka key
 * @param kind                        DUE_SOON, OVERDUE or ESCALATED
 * @param clock                       which limit: ASSIGN, ACKNOWLEDGE, REPLY, REVIEW_DECISION, RECHECK_DECISION
 * @param dueDate                     the last day of the limit (Asia/Shanghai)
 * @param daysOverdue                 days past the due date (negative: days left)
 * @param status                      the case status when the event was raised
 * @param lead                        the lead department, or {@code null} when not assigned
 * @param coHandlers                  the co-handling departments
 * @param category                    the category code, or {@code null}
 * @param petitionClass               SUGGESTION, ACCUSATION or CLAIM, or {@code null}
 * @param divisionCode                the division the petition concerns
 * @param complainedAgainstDepartment the department complained about, or {@code null}
 * @param occurredAt                  when the scan raised it
 * @param barredDepartments           every department the petition's complaint bars from it (回避)
 * @param sequence                    the case's change number when the clock event was raised (that of its last
 *                                    status event), so that consumers order it with the status events; {@code null}
 *                                    only in events published before it existed
 */
public record DeadlineReached(
        String petitionNo,
        String kind,
        String clock,
        LocalDate dueDate,
        int daysOverdue,
        String status,
        String lead,
        List<String> coHandlers,
        String category,
        String petitionClass,
        String divisionCode,
        String complainedAgainstDepartment,
        Instant occurredAt,
        List<String> barredDepartments,
        Long sequence) implements PetitionEvent {

    public static final String TYPE = "petition.deadline.v1";
    public static final String TOPIC = Topics.DEADLINE;

    public DeadlineReached {
        coHandlers = coHandlers == null ? List.of() : List.copyOf(coHandlers);
        barredDepartments = barredDepartments == null ? List.of() : List.copyOf(barredDepartments);
    }

    /** A clock event as published before the barred departments were added. */
    public DeadlineReached(String petitionNo, String kind, String clock, LocalDate dueDate, int daysOverdue,
            String status, String lead, List<String> coHandlers, String category, String petitionClass,
            String divisionCode, String complainedAgainstDepartment, Instant occurredAt) {
        this(petitionNo, kind, clock, dueDate, daysOverdue, status, lead, coHandlers, category, petitionClass,
                divisionCode, complainedAgainstDepartment, occurredAt,
                complainedAgainstDepartment == null ? List.of() : List.of(complainedAgainstDepartment), null);
    }
}
