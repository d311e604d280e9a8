package org.petitionbridge.notify.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CaseStatuses;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.security.visibility.PetitionParties;

/**
 * What notify knows of one case, merged from the events of four topics. Who handles the case is what the ledger last
 * published on {@code petition.status.v1} (the event with the highest sequence), never a routing decision: a decision
 * the ledger does not apply changes nobody's audience. The topics are not ordered with respect to each other (a
 * decision may arrive before the petition it routes), so every merge is order-independent: a known value is never
 * erased by an event that does not know it, and the departments barred from the petition only ever grow.
 */
public final class CaseState {

    /**
     * The status action by which the bureau accepts a department's objection (异议): the ledger takes the department
     * off the case, and it hears of that one event.
     */
    public static final String OBJECTION_ACCEPTED = "OBJECTION_ACCEPTED";

    final String petitionNo;
    String category;
    String petitionClass;
    String divisionCode;
    String status;
    Instant statusAt;
    String lead;
    List<String> coHandlers = new ArrayList<>();
    Instant assignmentAt;
    Long sequence;
    Set<String> barred = new LinkedHashSet<>();
    Set<String> released = new LinkedHashSet<>();
    Instant receivedAt;
    boolean group;
    String repeatOf;
    String receivedEventId;
    Instant receivedEventTime;
    String receivedPayload;
    Set<String> contentGivenTo = new LinkedHashSet<>();
    String routedDecisionId;
    String routedEventId;
    Instant routedEventTime;
    Instant routedAt;
    String routedPayload;
    /** The ids of the petition's events planned so far (a second delivery of one is not planned again). */
    Set<String> plannedEvents = new LinkedHashSet<>();

    public CaseState(String petitionNo) {
        this.petitionNo = petitionNo;
    }

    /**
     * Notes that the petition's event is being planned; false when it was planned before (a second delivery, which
     * changes nothing). The ids are written with the case, in the transaction that plans the event.
     */
    public boolean firstPlanning(String eventId) {
        return plannedEvents.add(eventId);
    }

    /** A registered petition: its facts, who it complains about, and its content as departments may see it. */
    /**
     * @param barredByComplaint the departments the petition's complaint bars ({@code VisibilityPolicy.barredBy}): a
     *                          township's or a village's complaint bars a township government the event does not name
     */
    public void applyReceived(String eventId, Instant eventTime, PetitionReceived p, String departmentPayload,
            Set<String> barredByComplaint) {
        category = category == null ? p.category() : category;          // routing's choice outranks the submitter's
        petitionClass = petitionClass == null ? p.petitionClass() : petitionClass;
        divisionCode = divisionCode == null ? p.divisionCode() : divisionCode;
        barred.addAll(barredByComplaint);
        receivedAt = p.receivedAt();
        group = p.group();
        repeatOf = p.repeatOf();
        receivedEventId = eventId;
        receivedEventTime = eventTime;
        receivedPayload = departmentPayload;
        if (status == null) {
            status = "REGISTERED";
        }
    }

    /**
     * A routing decision is a proposal: it tells the category, and whom routing recused, but assigns nobody. The
     * newest one is kept, so that it reaches the departments it names once the ledger applies it.
     */
    public void applyRouted(String eventId, Instant eventTime, PetitionRouted r, String payload) {
        category = r.category() != null ? r.category() : category;
        petitionClass = r.petitionClass() != null ? r.petitionClass() : petitionClass;
        barred.addAll(r.recused());   // routing recuses the departments a petition complains about
        if (routedAt == null || r.decidedAt() == null || !r.decidedAt().isBefore(routedAt)) {
            routedDecisionId = r.decisionId();
            routedEventId = eventId;
            routedEventTime = eventTime;
            routedAt = r.decidedAt();
            routedPayload = payload;
        }
    }

    /** The kept decision, when the ledger's status event applied exactly that one (else null). */
    public String routedPayloadAppliedBy(CaseStatusChanged s) {
        String decisionId = s.details().get("decisionId");
        return "ROUTED".equals(s.action()) && decisionId != null && decisionId.equals(routedDecisionId)
                ? routedPayload : null;
    }

    public String routedEventId() {
        return routedEventId;
    }

    public Instant routedEventTime() {
        return routedEventTime;
    }

    /** The ledger's case: its status, and who handles it now (lead and co-handlers, null lead: nobody). */
    public void applyStatus(CaseStatusChanged s) {
        facts(s.category(), s.petitionClass(), s.divisionCode(), s.complainedAgainstDepartment());
        barred.addAll(s.barredDepartments());
        newerStatus(s.status(), s.occurredAt());
        assign(s.lead(), s.coHandlers(), s.sequence(), s.occurredAt());
    }

    /** A clock event of the ledger: its case as the scan saw it, ordered with the status events by its sequence. */
    public void applyDeadline(DeadlineReached d) {
        facts(d.category(), d.petitionClass(), d.divisionCode(), d.complainedAgainstDepartment());
        barred.addAll(d.barredDepartments());
        newerStatus(d.status(), d.occurredAt());
        assign(d.lead(), d.coHandlers(), d.sequence(), d.occurredAt());
    }

    private void facts(String category, String petitionClass, String divisionCode, String complainedAgainst) {
        this.category = category != null ? category : this.category;
        this.petitionClass = petitionClass != null ? petitionClass : this.petitionClass;
        this.divisionCode = divisionCode != null ? divisionCode : this.divisionCode;
        if (complainedAgainst != null) {
            barred.add(complainedAgainst);
        }
    }

    private void newerStatus(String newStatus, Instant at) {
        if (newStatus != null && (statusAt == null || at == null || !at.isBefore(statusAt))) {
            status = newStatus;
            statusAt = at == null ? statusAt : at;
        }
    }

    /** Takes the ledger's assignment of a change unless it is not newer than the one known (the shared rule). */
    private void assign(String newLead, List<String> newCoHandlers, Long newSequence, Instant at) {
        if (!CaseStatuses.supersedes(sequence, assignmentAt, newSequence, at)) {
            return;   // an older change arriving late
        }
        lead = newLead;
        coHandlers = new ArrayList<>(newCoHandlers);
        sequence = newSequence == null ? sequence : newSequence;
        assignmentAt = at == null ? assignmentAt : at;
        released.clear();   // the ledger's word on who handles the case is complete
    }

    /** Who handles the case now and whom it bars, for the shared visibility policy. */
    public PetitionParties parties() {
        return PetitionParties.of(activeLead(), assigned(), barred);
    }

    /** The departments handling the case now (lead first): never a barred one. */
    public Set<String> assigned() {
        Set<String> out = new LinkedHashSet<>();
        if (lead != null) {
            out.add(lead);
        }
        out.addAll(coHandlers);
        out.removeAll(released);
        out.removeAll(barred);
        return out;
    }

    /** The lead department, unless it is barred or released. */
    public String activeLead() {
        return lead != null && !barred.contains(lead) && !released.contains(lead) ? lead : null;
    }

    public String petitionNo() {
        return petitionNo;
    }

    public String category() {
        return category;
    }

    public String petitionClass() {
        return petitionClass;
    }

    public String divisionCode() {
        return divisionCode;
    }

    public String status() {
        return status;
    }

    public String lead() {
        return lead;
    }

    public List<String> coHandlers() {
        return List.copyOf(coHandlers);
    }

    /** Departments that never receive anything of this petition. */
    public Set<String> barred() {
        return Set.copyOf(barred);
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public boolean group() {
        return group;
    }

    public String repeatOf() {
        return repeatOf;
    }

    public String receivedEventId() {
        return receivedEventId;
    }

    public Instant receivedEventTime() {
        return receivedEventTime;
    }

    /**
     * Notes that the department was given the received event in full; false if it had been already (a
     * department assigned later gets the content once).
     */
    public boolean giveContentTo(String department) {
        return contentGivenTo.add(department);
    }

    /** The received event's data as an assigned department sees it, or null when the petition has not arrived yet. */
    public String receivedPayload() {
        return receivedPayload;
    }
}
