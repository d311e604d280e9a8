package org.petitionbridge.ledger.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.security.visibility.PetitionParties;

/**
 * The current state of one case, as stored in {@code petition_case}. Everyone reads it; only the transitions of
 * {@link CaseStateMachine} change it (through the package-private mutators below). A case is built whole only when
 * the machine opens it and when {@link CaseRepository} reads its row ({@link #builder()}).
 */
public final class CaseState {

    private String petitionNo;
    private CaseStatus status;
    private String channel;
    private String category;
    private String petitionClass;
    private String divisionCode;
    private String townshipCode;
    private String subject;
    private String content;
    private String petitionersJson;
    private int groupSize;
    private boolean group;
    private String repeatOf;
    private String attachedTo;
    private int repeatCount;
    private String notAcceptedReason;
    private String complainedDepartment;
    private List<String> barred = new ArrayList<>();
    private String actingBureau;
    private String actingSupervisor;
    private long sequence;
    private String trackingCodeHash;
    private String lead;
    private List<String> coHandlers = new ArrayList<>();
    private String routingExplanation;
    private String responsiblePerson;
    private Instant receivedAt;
    private Instant assignedAt;
    private Instant acknowledgedAt;
    private String notifiedBy;
    private LocalDate assignDue;
    private LocalDate acknowledgeDue;
    private LocalDate objectionDue;
    private String objectingDepartment;
    private CaseStatus statusBeforeObjection;
    private List<String> excludedDepartments = new ArrayList<>();
    private LocalDate replyDue;
    private ExtensionStatus extensionStatus;
    private Integer extensionDays;
    private Instant repliedAt;
    private String replyOutcome;
    private String satisfaction;
    private Instant evaluatedAt;
    private Instant closedAt;
    private Instant redirectedAt;
    private String redirectProcedure;
    private LocalDate reviewRequestDue;
    private Instant reviewRequestedAt;
    private LocalDate reviewDecisionDue;
    private Instant reviewedAt;
    private String reviewOutcome;
    private LocalDate recheckRequestDue;
    private Instant recheckRequestedAt;
    private LocalDate recheckDecisionDue;
    private Instant recheckedAt;
    private String recheckOutcome;
    private int supervisionCount;
    private Instant openedAt;
    private Instant updatedAt;

    private CaseState() {
    }

    // ---- what the case is: read by everyone ----

    public String petitionNo() {
        return petitionNo;
    }

    public CaseStatus status() {
        return status;
    }

    public String channel() {
        return channel;
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

    public String townshipCode() {
        return townshipCode;
    }

    public String subject() {
        return subject;
    }

    public String content() {
        return content;
    }

    /** The petitioners as pseudonyms and masked names ({@link CaseView.Petitioner}), as JSON. */
    public String petitionersJson() {
        return petitionersJson;
    }

    public int groupSize() {
        return groupSize;
    }

    public boolean group() {
        return group;
    }

    public String repeatOf() {
        return repeatOf;
    }

    /** The open case this repeat was attached to (并案), or null. */
    public String attachedTo() {
        return attachedTo;
    }

    public int repeatCount() {
        return repeatCount;
    }

    public String notAcceptedReason() {
        return notAcceptedReason;
    }

    public String complainedDepartment() {
        return complainedDepartment;
    }

    /** The departments the complaint bars from the case (VisibilityPolicy.barredBy): never told anything of it. */
    public List<String> barred() {
        return Collections.unmodifiableList(barred);
    }

    /** Who takes the bureau's actions on this case (the bureau, or the supervisor when it is complained about). */
    public String actingBureau() {
        return actingBureau;
    }

    /** Who takes the supervisor's decisions on this case (the supervisor, or the discipline body). */
    public String actingSupervisor() {
        return actingSupervisor;
    }

    /** The number of the last change; each status event carries the next. */
    public long sequence() {
        return sequence;
    }

    public String trackingCodeHash() {
        return trackingCodeHash;
    }

    public String lead() {
        return lead;
    }

    public List<String> coHandlers() {
        return Collections.unmodifiableList(coHandlers);
    }

    public String routingExplanation() {
        return routingExplanation;
    }

    public String responsiblePerson() {
        return responsiblePerson;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant assignedAt() {
        return assignedAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String notifiedBy() {
        return notifiedBy;
    }

    public LocalDate assignDue() {
        return assignDue;
    }

    public LocalDate acknowledgeDue() {
        return acknowledgeDue;
    }

    /** The last day of the objection window (异议). */
    public LocalDate objectionDue() {
        return objectionDue;
    }

    /** The department whose objection waits for the bureau, or null. */
    public String objectingDepartment() {
        return objectingDepartment;
    }

    public CaseStatus statusBeforeObjection() {
        return statusBeforeObjection;
    }

    /** The departments whose objection the bureau accepted. */
    public List<String> excludedDepartments() {
        return Collections.unmodifiableList(excludedDepartments);
    }

    public LocalDate replyDue() {
        return replyDue;
    }

    public ExtensionStatus extensionStatus() {
        return extensionStatus;
    }

    public Integer extensionDays() {
        return extensionDays;
    }

    public Instant repliedAt() {
        return repliedAt;
    }

    public String replyOutcome() {
        return replyOutcome;
    }

    public String satisfaction() {
        return satisfaction;
    }

    public Instant evaluatedAt() {
        return evaluatedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant redirectedAt() {
        return redirectedAt;
    }

    public String redirectProcedure() {
        return redirectProcedure;
    }

    public LocalDate reviewRequestDue() {
        return reviewRequestDue;
    }

    public Instant reviewRequestedAt() {
        return reviewRequestedAt;
    }

    public LocalDate reviewDecisionDue() {
        return reviewDecisionDue;
    }

    public Instant reviewedAt() {
        return reviewedAt;
    }

    public String reviewOutcome() {
        return reviewOutcome;
    }

    public LocalDate recheckRequestDue() {
        return recheckRequestDue;
    }

    public Instant recheckRequestedAt() {
        return recheckRequestedAt;
    }

    public LocalDate recheckDecisionDue() {
        return recheckDecisionDue;
    }

    public Instant recheckedAt() {
        return recheckedAt;
    }

    public String recheckOutcome() {
        return recheckOutcome;
    }

    public int supervisionCount() {
        return supervisionCount;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    // ---- what follows from it ----

    /** Who handles the case now and whom it bars, for the shared visibility policy. */
    public PetitionParties parties() {
        return PetitionParties.of(lead, coHandlers, barred);
    }

    public boolean isAssignedTo(String department) {
        return department != null && (department.equals(lead) || coHandlers.contains(department));
    }

    /** Still being handled: not ended, and not a repeat attached to another case. */
    public boolean isOpen() {
        return !status.isEnded() && attachedTo == null;
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

    // ---- the changes: called by CaseStateMachine's transitions only (and by Transitions for the bookkeeping) ----

    void moveTo(CaseStatus to) {
        status = to;
    }

    /** A change was recorded at {@code at}: the next sequence number. */
    void recorded(Instant at) {
        updatedAt = at;
        sequence++;
    }

    void notAccepted(String reason) {
        notAcceptedReason = reason;
    }

    void attachTo(String original) {
        attachedTo = original;
    }

    void repeatReceived() {
        repeatCount++;
    }

    void assigned(String lead, List<String> coHandlers, String category, String petitionClass, String explanation,
            Instant at, LocalDate acknowledgeDue, LocalDate objectionDue) {
        this.lead = lead;
        this.coHandlers = new ArrayList<>(coHandlers);
        if (this.category == null) {
            this.category = category;
        }
        if (this.petitionClass == null) {
            this.petitionClass = petitionClass;
        }
        this.routingExplanation = explanation;
        this.assignedAt = at;
        this.acknowledgeDue = acknowledgeDue;
        this.objectionDue = objectionDue;
        this.acknowledgedAt = null;
        this.responsiblePerson = null;
        this.objectingDepartment = null;
        this.statusBeforeObjection = null;
    }

    void triaged(String reason) {
        routingExplanation = reason;
        lead = null;
        coHandlers = new ArrayList<>();
    }

    void acknowledged(String responsiblePerson, String notifiedBy, Instant at, LocalDate replyDue) {
        this.responsiblePerson = responsiblePerson;
        this.notifiedBy = notifiedBy;
        this.acknowledgedAt = at;
        this.replyDue = replyDue;
    }

    void objected(String department) {
        statusBeforeObjection = status;
        objectingDepartment = department;
    }

    /**
     * The objecting department leaves the case now: it loses access at once, whatever routing decides next (the
     * ledger owns the assignment), as lead or co-handler. The objection is decided: OBJECTED now waits for the new
     * assignment only.
     */
    void objectionAccepted() {
        String department = objectingDepartment;
        if (!excludedDepartments.contains(department)) {
            excludedDepartments.add(department);
        }
        if (department != null && department.equals(lead)) {
            lead = null;
        }
        coHandlers.remove(department);
        objectingDepartment = null;
    }

    void objectionRejected() {
        objectingDepartment = null;
        statusBeforeObjection = null;
    }

    void extensionRequested(int days) {
        extensionStatus = ExtensionStatus.REQUESTED;
        extensionDays = days;
    }

    void extensionApproved() {
        extensionStatus = ExtensionStatus.APPROVED;
        replyDue = replyDue.plusDays(extensionDays);
    }

    void extensionRefused() {
        extensionStatus = ExtensionStatus.REFUSED;
    }

    void redirected(String procedure, Instant at) {
        redirectProcedure = procedure;
        redirectedAt = at;
    }

    void replied(String outcome, Instant at, LocalDate reviewRequestDue) {
        repliedAt = at;
        replyOutcome = outcome;
        this.reviewRequestDue = reviewRequestDue;
    }

    void evaluated(String satisfaction, Instant at) {
        this.satisfaction = satisfaction;
        evaluatedAt = at;
    }

    void closed(Instant at) {
        closedAt = at;
    }

    void reviewRequested(Instant at, LocalDate decisionDue) {
        reviewRequestedAt = at;
        reviewDecisionDue = decisionDue;
    }

    void reviewed(String outcome, Instant at, LocalDate recheckRequestDue) {
        reviewedAt = at;
        reviewOutcome = outcome;
        this.recheckRequestDue = recheckRequestDue;
    }

    void recheckRequested(Instant at, LocalDate decisionDue) {
        recheckRequestedAt = at;
        recheckDecisionDue = decisionDue;
    }

    void rechecked(String outcome, Instant at) {
        recheckedAt = at;
        recheckOutcome = outcome;
    }

    void supervised() {
        supervisionCount++;
    }

    // ---- a case as a whole: a new one (CaseStateMachine.open), or as its row holds it (CaseRepository) ----

    static Builder builder() {
        return new Builder();
    }

    /** Builds a case field by field; {@link #build()} hands it over once. */
    static final class Builder {

        private CaseState c = new CaseState();

        CaseState build() {
            CaseState built = c;
            c = null;
            return built;
        }

        Builder petitionNo(String v) { c.petitionNo = v; return this; }
        Builder status(CaseStatus v) { c.status = v; return this; }
        Builder channel(String v) { c.channel = v; return this; }
        Builder category(String v) { c.category = v; return this; }
        Builder petitionClass(String v) { c.petitionClass = v; return this; }
        Builder divisionCode(String v) { c.divisionCode = v; return this; }
        Builder townshipCode(String v) { c.townshipCode = v; return this; }
        Builder subject(String v) { c.subject = v; return this; }
        Builder content(String v) { c.content = v; return this; }
        Builder petitionersJson(String v) { c.petitionersJson = v; return this; }
        Builder groupSize(int v) { c.groupSize = v; return this; }
        Builder group(boolean v) { c.group = v; return this; }
        Builder repeatOf(String v) { c.repeatOf = v; return this; }
        Builder attachedTo(String v) { c.attachedTo = v; return this; }
        Builder repeatCount(int v) { c.repeatCount = v; return this; }
        Builder notAcceptedReason(String v) { c.notAcceptedReason = v; return this; }
        Builder complainedDepartment(String v) { c.complainedDepartment = v; return this; }
        Builder barred(List<String> v) { c.barred = new ArrayList<>(v); return this; }
        Builder actingBureau(String v) { c.actingBureau = v; return this; }
        Builder actingSupervisor(String v) { c.actingSupervisor = v; return this; }
        Builder sequence(long v) { c.sequence = v; return this; }
        Builder trackingCodeHash(String v) { c.trackingCodeHash = v; return this; }
        Builder lead(String v) { c.lead = v; return this; }
        Builder coHandlers(List<String> v) { c.coHandlers = new ArrayList<>(v); return this; }
        Builder routingExplanation(String v) { c.routingExplanation = v; return this; }
        Builder responsiblePerson(String v) { c.responsiblePerson = v; return this; }
        Builder receivedAt(Instant v) { c.receivedAt = v; return this; }
        Builder assignedAt(Instant v) { c.assignedAt = v; return this; }
        Builder acknowledgedAt(Instant v) { c.acknowledgedAt = v; return this; }
        Builder notifiedBy(String v) { c.notifiedBy = v; return this; }
        Builder assignDue(LocalDate v) { c.assignDue = v; return this; }
        Builder acknowledgeDue(LocalDate v) { c.acknowledgeDue = v; return this; }
        Builder objectionDue(LocalDate v) { c.objectionDue = v; return this; }
        Builder objectingDepartment(String v) { c.objectingDepartment = v; return this; }
        Builder statusBeforeObjection(CaseStatus v) { c.statusBeforeObjection = v; return this; }
        Builder excludedDepartments(List<String> v) { c.excludedDepartments = new ArrayList<>(v); return this; }
        Builder replyDue(LocalDate v) { c.replyDue = v; return this; }
        Builder extensionStatus(ExtensionStatus v) { c.extensionStatus = v; return this; }
        Builder extensionDays(Integer v) { c.extensionDays = v; return this; }
        Builder repliedAt(Instant v) { c.repliedAt = v; return this; }
        Builder replyOutcome(String v) { c.replyOutcome = v; return this; }
        Builder satisfaction(String v) { c.satisfaction = v; return this; }
        Builder evaluatedAt(Instant v) { c.evaluatedAt = v; return this; }
        Builder closedAt(Instant v) { c.closedAt = v; return this; }
        Builder redirectedAt(Instant v) { c.redirectedAt = v; return this; }
        Builder redirectProcedure(String v) { c.redirectProcedure = v; return this; }
        Builder reviewRequestDue(LocalDate v) { c.reviewRequestDue = v; return this; }
        Builder reviewRequestedAt(Instant v) { c.reviewRequestedAt = v; return this; }
        Builder reviewDecisionDue(LocalDate v) { c.reviewDecisionDue = v; return this; }
        Builder reviewedAt(Instant v) { c.reviewedAt = v; return this; }
        Builder reviewOutcome(String v) { c.reviewOutcome = v; return this; }
        Builder recheckRequestDue(LocalDate v) { c.recheckRequestDue = v; return this; }
        Builder recheckRequestedAt(Instant v) { c.recheckRequestedAt = v; return this; }
        Builder recheckDecisionDue(LocalDate v) { c.recheckDecisionDue = v; return this; }
        Builder recheckedAt(Instant v) { c.recheckedAt = v; return this; }
        Builder recheckOutcome(String v) { c.recheckOutcome = v; return this; }
        Builder supervisionCount(int v) { c.supervisionCount = v; return this; }
        Builder openedAt(Instant v) { c.openedAt = v; return this; }
        Builder updatedAt(Instant v) { c.updatedAt = v; return this; }
    }
}
