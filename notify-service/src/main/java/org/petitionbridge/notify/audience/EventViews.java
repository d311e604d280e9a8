package org.petitionbridge.notify.audience;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.DisputeChanged;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.ScreeningChanged;
import org.petitionbridge.events.ProjectChanged;
import org.petitionbridge.events.WarningChanged;
import org.petitionbridge.notify.cases.CaseState;

/** The data a department sees of an event, in each {@link View}. */
public final class EventViews {

    private EventViews() {
    }

    /**
     * A received petition as an assigned department (or the bureau) sees it. An allow-list of the contract's
     * fields: the tracking code's hash is never forwarded, and a field added to the contract later reaches
     * departments only once it is added here on purpose.
     */
    public record ReceivedPetition(String petitionNo, String channel, Instant receivedAt, Instant registeredAt,
            String divisionCode, String category, String petitionClass, String subject, String content, int groupSize,
            boolean group, List<PetitionReceived.Petitioner> petitioners, String repeatOf,
            PetitionReceived.ComplainedAgainst complainedAgainst) {

        public static ReceivedPetition of(PetitionReceived p) {
            return new ReceivedPetition(p.petitionNo(), p.channel(), p.receivedAt(), p.registeredAt(),
                    p.divisionCode(), p.category(), p.petitionClass(), p.subject(), p.content(), p.groupSize(),
                    p.group(), p.petitioners(), p.repeatOf(), p.complainedAgainst());
        }
    }

    /**
     * What an interest subscription shows of a case not assigned to the department: petition number, category,
     * class, division, status and dates. No content, subject, names, pseudonyms, nor who handles or is complained
     * about.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseSummary(String petitionNo, String category, String petitionClass, String divisionCode,
            String status, Instant receivedAt, Instant occurredAt, Map<String, LocalDate> dueDates,
            String deadlineKind, String clock, LocalDate dueDate) {
    }

    /** The summary of an event of the given kind, from the merged case and the event's own dates. */
    public static CaseSummary summary(EventKind kind, CaseState kase, Object data, Instant eventTime) {
        return switch (kind) {
            case RECEIVED -> {
                PetitionReceived p = (PetitionReceived) data;
                yield new CaseSummary(kase.petitionNo(), kase.category(), kase.petitionClass(), kase.divisionCode(),
                        kase.status(), p.receivedAt(), p.registeredAt(), null, null, null, null);
            }
            case ROUTED -> new CaseSummary(kase.petitionNo(), kase.category(), kase.petitionClass(),
                    kase.divisionCode(), kase.status() == null || "REGISTERED".equals(kase.status()) ? "ASSIGNED"
                            : kase.status(), kase.receivedAt(), eventTime, null, null, null, null);
            case STATUS -> {
                CaseStatusChanged s = (CaseStatusChanged) data;
                yield new CaseSummary(kase.petitionNo(), kase.category(), kase.petitionClass(), kase.divisionCode(),
                        s.status(), kase.receivedAt(), s.occurredAt(), s.dueDates().isEmpty() ? null : s.dueDates(),
                        null, null, null);
            }
            case DEADLINE -> {
                DeadlineReached d = (DeadlineReached) data;
                yield new CaseSummary(kase.petitionNo(), kase.category(), kase.petitionClass(), kase.divisionCode(),
                        d.status(), kase.receivedAt(), d.occurredAt(), null, d.kind(), d.clock(), d.dueDate());
            }
            case WARNING, PROJECT, SCREENING, DISPUTE ->
                    throw new IllegalArgumentException(kind + " is not an event of a case");
        };
    }

    /**
     * A warning as the departments that may see all of it receive it: an allow-list of the contract's fields,
     * without the departments its petitions bar (who is complained about is not told to anyone through notify).
     */
    public record WarningView(String warningId, String action, String type, String level, String status,
            String townshipCode, String category, String projectId, List<String> petitionNos, int petitionCount,
            List<String> departments, String explanation, boolean contradictsAssessment, Instant raisedAt,
            Instant occurredAt, long sequence) {

        public static WarningView of(WarningChanged w) {
            return new WarningView(w.warningId(), w.action(), w.type(), w.level(), w.status(), w.townshipCode(),
                    w.category(), w.projectId(), w.petitionNos(), w.petitionCount(), w.departments(), w.explanation(),
                    w.contradictsAssessment(), w.raisedAt(), w.occurredAt(), w.sequence());
        }
    }

    /**
     * What an interest subscription shows of a warning to a department not responsible for it: what kind, how
     * urgent, where and how many; no petition numbers, no explanation, no departments.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WarningSummary(String warningId, String action, String type, String level, String status,
            String townshipCode, String category, int petitionCount, Instant raisedAt, Instant occurredAt) {

        public static WarningSummary of(WarningChanged w) {
            return new WarningSummary(w.warningId(), w.action(), w.type(), w.level(), w.status(), w.townshipCode(),
                    w.category(), w.petitionCount(), w.raisedAt(), w.occurredAt());
        }
    }

    /** What an interest subscription shows of a screening round to another department: what, when, how many to go. */
    public record ScreeningSummary(String roundId, String action, String name, String kind, Instant dueBy,
            int missingCount, Instant occurredAt) {

        public static ScreeningSummary of(ScreeningChanged s) {
            return new ScreeningSummary(s.roundId(), s.action(), s.name(), s.kind(), s.dueBy(), s.missing().size(),
                    s.occurredAt());
        }
    }

    /**
     * What an interest subscription shows of an issue of the 矛盾纠纷 ledger to another department: where, what
     * category, how serious, how far it got; not its summary, its people or who is in charge.
     */
    public record DisputeSummary(String disputeId, String action, String townshipCode, String category,
            String riskLevel, String status, int daysOverdue, Instant occurredAt) {

        public static DisputeSummary of(DisputeChanged d) {
            return new DisputeSummary(d.disputeId(), d.action(), d.townshipCode(), d.category(), d.riskLevel(),
                    d.status(), d.daysOverdue(), d.occurredAt());
        }
    }

    /** What an interest subscription shows of a project to another department: what, where, how far it got. */
    public record ProjectSummary(String projectId, String action, String name, String department,
            List<String> divisions, List<String> categories, String status, String level, Instant occurredAt) {

        public static ProjectSummary of(ProjectChanged p) {
            return new ProjectSummary(p.projectId(), p.action(), p.name(), p.department(), p.divisions(),
                    p.categories(), p.status(), p.level(), p.occurredAt());
        }
    }
}
