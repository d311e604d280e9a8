package org.petitionbridge.ledger.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.petitionbridge.events.CaseStatuses;
import org.petitionbridge.security.visibility.PetitionParties;

/** The current state of one case, as stored in {@code petition_case}; changed only by the ledger's handlers. */
public class CaseState {

    /** States after which the petition track has ended. */
    public static final Set<String> ENDED = CaseStatuses.ENDED;

    public String petitionNo;
    public String status;
    public String channel;
    public String category;
    public String petitionClass;
    public String divisionCode;
    public String townshipCode;
    public String subject;
    public String content;
    public String petitionersJson;
    public int groupSize;
    public boolean group;
    public String repeatOf;
    public String attachedTo;
    public int repeatCount;
    public String notAcceptedReason;
    public String complainedDepartment;
    /** The departments the complaint bars from the case (VisibilityPolicy.barredBy): never told anything of it. */
    public List<String> barred = new ArrayList<>();
    /** Who takes the bureau's actions on this case (the bureau, or the supervisor when it is complained about). */
    public String actingBureau;
    /** Who takes the supervisor's decisions on this case (the supervisor, or the discipline body). */
    public String actingSupervisor;
    /** The number of the last change; each status event carries the next. */
    public long sequence;
    public String trackingCodeHash;
    public String lead;
    public List<String> coHandlers = new ArrayList<>();
    public String routingExplanation;
    public String responsiblePerson;
    public Instant receivedAt;
    public Instant assignedAt;
    public Instant acknowledgedAt;
    public String notifiedBy;
    public LocalDate assignDue;
    public LocalDate acknowledgeDue;
    public LocalDate objectionDue;
    public String objectingDepartment;
    public String statusBeforeObjection;
    public List<String> excludedDepartments = new ArrayList<>();
    public LocalDate replyDue;
    public String extensionStatus;
    public Integer extensionDays;
    public Instant repliedAt;
    public String replyOutcome;
    public String satisfaction;
    public Instant evaluatedAt;
    public Instant closedAt;
    public Instant redirectedAt;
    public String redirectProcedure;
    public LocalDate reviewRequestDue;
    public Instant reviewRequestedAt;
    public LocalDate reviewDecisionDue;
    public Instant reviewedAt;
    public String reviewOutcome;
    public LocalDate recheckRequestDue;
    public Instant recheckRequestedAt;
    public LocalDate recheckDecisionDue;
    public Instant recheckedAt;
    public String recheckOutcome;
    public int supervisionCount;
    public Instant openedAt;
    public Instant updatedAt;

    /** Who handles the case now and whom it bars, for the shared visibility policy. */
    public PetitionParties parties() {
        return PetitionParties.of(lead, coHandlers, barred);
    }

    /** Takes a department off the case (an accepted objection): it no longer handles it, as lead or co-handler. */
    public void release(String department) {
        if (department != null && department.equals(lead)) {
            lead = null;
        }
        coHandlers.remove(department);
    }

    public boolean isAssignedTo(String department) {
        return department != null && (department.equals(lead) || coHandlers.contains(department));
    }

    public boolean isOpen() {
        return !ENDED.contains(status) && attachedTo == null;
    }

    /** The due dates that apply now, by clock name, for the case JSON and the status events. */
    public Map<String, LocalDate> dueDates() {
        Map<String, LocalDate> due = new LinkedHashMap<>();
        put(due, "assign", assignDue);
        put(due, "acknowledge", acknowledgeDue);
        put(due, "objection", objectionDue);
        put(due, "reply", replyDue);
        put(due, "reviewRequest", reviewRequestDue);
        put(due, "reviewDecision", reviewDecisionDue);
        put(due, "recheckRequest", recheckRequestDue);
        put(due, "recheckDecision", recheckDecisionDue);
        return due;
    }

    /** The clock running now (the one a department or the bureau must meet next), if any ({@link CaseClock}). */
    public Optional<CaseClock> runningClock() {
        return CaseClock.running(this);
    }

    /** The due date of the clock running now, or null. */
    public LocalDate nextDue() {
        return runningClock().map(clock -> clock.dueOf(this)).orElse(null);
    }

    private static void put(Map<String, LocalDate> due, String name, LocalDate date) {
        if (date != null) {
            due.put(name, date);
        }
    }
}
