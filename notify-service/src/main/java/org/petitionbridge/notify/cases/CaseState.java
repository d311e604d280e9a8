package org.petitionbridge.notify.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;

/**
 * What notify knows of one case, merged from the events of four topics. Those topics are not ordered with
 * respect to each other (a routing decision may arrive before the petition it routes), so every merge is
 * order-independent: the assignment of the newest decision wins, a known value is never erased by an event
 * that does not know it, and the departments barred from the petition only ever grow.
 */
public final class CaseState {

    /** The status action by which the bureau accepts a department's objection (异议): it leaves the case. */
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
    Set<String> barred = new LinkedHashSet<>();
    Set<String> released = new LinkedHashSet<>();
    Instant receivedAt;
    boolean group;
    String repeatOf;
    String receivedEventId;
    Instant receivedEventTime;
    String receivedPayload;
    Set<String> contentGivenTo = new LinkedHashSet<>();

    public CaseState(String petitionNo) {
        this.petitionNo = petitionNo;
    }

    /** A registered petition: its facts, who it complains about, and its content as departments may see it. */
    public void applyReceived(String eventId, Instant eventTime, PetitionReceived p, String departmentPayload) {
        category = category == null ? p.category() : category;          // routing's choice outranks the submitter's
        petitionClass = petitionClass == null ? p.petitionClass() : petitionClass;
        divisionCode = divisionCode == null ? p.divisionCode() : divisionCode;
        if (p.complainedAgainst() != null && p.complainedAgainst().department() != null) {
            barred.add(p.complainedAgainst().department());
        }
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

    /** An assignment decision: the newest decision names the lead and co-handlers. */
    public void applyRouted(PetitionRouted r) {
        category = r.category() != null ? r.category() : category;
        petitionClass = r.petitionClass() != null ? r.petitionClass() : petitionClass;
        barred.addAll(r.recused());   // routing recuses the departments a petition complains about
        assign(r.lead(), r.coHandlers(), r.decidedAt());
        // a department routed to again (by the bureau, by hand) is back on the case
        released.remove(r.lead());
        r.coHandlers().forEach(released::remove);
    }

    public void applyStatus(CaseStatusChanged s) {
        facts(s.category(), s.petitionClass(), s.divisionCode(), s.complainedAgainstDepartment());
        newerStatus(s.status(), s.occurredAt());
        if (s.lead() != null) {
            assign(s.lead(), s.coHandlers(), s.occurredAt());
        }
        if (OBJECTION_ACCEPTED.equals(s.action()) && s.objectingDepartment() != null) {
            released.add(s.objectingDepartment());
        }
    }

    public void applyDeadline(DeadlineReached d) {
        facts(d.category(), d.petitionClass(), d.divisionCode(), d.complainedAgainstDepartment());
        newerStatus(d.status(), d.occurredAt());
        if (d.lead() != null) {
            assign(d.lead(), d.coHandlers(), d.occurredAt());
        }
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

    private void assign(String newLead, List<String> newCoHandlers, Instant at) {
        if (assignmentAt != null && at != null && at.isBefore(assignmentAt)) {
            return;   // an older decision arriving late
        }
        lead = newLead;
        coHandlers = new ArrayList<>(newCoHandlers);
        assignmentAt = at == null ? assignmentAt : at;
    }

    /** The departments handling the case now (lead first): never a barred one, nor one whose objection was accepted. */
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
