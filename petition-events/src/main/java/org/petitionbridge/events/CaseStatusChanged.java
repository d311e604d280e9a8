package org.petitionbridge.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A case state change in the ledger, as ledger-service publishes it on {@link Topics#STATUS}. It names who
 * is assigned, so that notify-service can tell which departments it concerns, and the unit complained
 * about, so that it never reaches that unit.
 *
 * @param petitionNo                 the petition number; also the Kafka key
 * @param status                     the case status after the change (REGISTERED, ASSIGNED, ACKNOWLEDGED, ...)
 * @param previousStatus             the status before, or {@code null} for a new case
 * @param action                     what caused the change: OPENED, ROUTED, or a department action type
 * @param actorDepartment            the department that acted, or {@code null} for the platform itself
 * @param lead                       the lead department, or {@code null} before assignment
 * @param coHandlers                 the co-handling departments
 * @param category                   the category code, or {@code null} when not yet known
 * @param petitionClass              SUGGESTION, ACCUSATION or CLAIM, or {@code null}
 * @param divisionCode               the division the petition concerns
 * @param complainedAgainstDepartment the department complained about, or {@code null}
 * @param occurredAt                 when the change happened
 * @param dueDates                   statutory due dates by clock name (Asia/Shanghai calendar days)
 * @param objectingDepartment        with action OBJECTION_ACCEPTED: the department whose objection (异议) the
 *                                   bureau accepted; routing decides again without it. Otherwise {@code null}
 * @param details                    the fields of the department action that caused the change (e.g.
 *                                   responsiblePerson, days, reason, outcome), so that the ledger can be rebuilt
 *                                   from the topics; never personal data of the petitioner
 * @param barredDepartments          every department the petition's complaint bars from it (回避): they are never
 *                                   told anything of the petition. Empty when the petition complains about nobody
 * @param sequence                   the case's change number, 1 for OPENED and one more for each change after it:
 *                                   a consumer keeps the assignment of the highest sequence it has seen, whatever
 *                                   order it receives events in ({@code null} only in events published before it
 *                                   existed)
 */
public record CaseStatusChanged(
        String petitionNo,
        String status,
        String previousStatus,
        String action,
        String actorDepartment,
        String lead,
        List<String> coHandlers,
        String category,
        String petitionClass,
        String divisionCode,
        String complainedAgainstDepartment,
        Instant occurredAt,
        Map<String, LocalDate> dueDates,
        String objectingDepartment,
        Map<String, String> details,
        List<String> barredDepartments,
        Long sequence) implements PetitionEvent {

    public static final String TYPE = "petition.status.v1";
    public static final String TOPIC = Topics.STATUS;

    public CaseStatusChanged {
        coHandlers = coHandlers == null ? List.of() : List.copyOf(coHandlers);
        dueDates = dueDates == null ? Map.of() : Map.copyOf(dueDates);
        details = details == null ? Map.of() : Map.copyOf(details);
        barredDepartments = barredDepartments == null ? List.of() : List.copyOf(barredDepartments);
    }

    /** A change as published before the barred departments and the sequence were added. */
    public CaseStatusChanged(String petitionNo, String status, String previousStatus, String action,
            String actorDepartment, String lead, List<String> coHandlers, String category, String petitionClass,
            String divisionCode, String complainedAgainstDepartment, Instant occurredAt,
            Map<String, LocalDate> dueDates, String objectingDepartment, Map<String, String> details) {
        this(petitionNo, status, previousStatus, action, actorDepartment, lead, coHandlers, category, petitionClass,
                divisionCode, complainedAgainstDepartment, occurredAt, dueDates, objectingDepartment, details,
                complainedAgainstDepartment == null ? List.of() : List.of(complainedAgainstDepartment), null);
    }

    /** A change without action details (events from the platform itself, such as OPENED or ROUTED). */
    public CaseStatusChanged(String petitionNo, String status, String previousStatus, String action,
            String actorDepartment, String lead, List<String> coHandlers, String category, String petitionClass,
            String divisionCode, String complainedAgainstDepartment, Instant occurredAt,
            Map<String, LocalDate> dueDates, String objectingDepartment) {
        this(petitionNo, status, previousStatus, action, actorDepartment, lead, coHandlers, category, petitionClass,
                divisionCode, complainedAgainstDepartment, occurredAt, dueDates, objectingDepartment, Map.of());
    }

    /** The departments handling the case after this change: the lead first, then the co-handlers. */
    public List<String> handlers() {
        List<String> out = new ArrayList<>();
        if (lead != null) {
            out.add(lead);
        }
        coHandlers.stream().filter(d -> !out.contains(d)).forEach(out::add);
        return List.copyOf(out);
    }
}
