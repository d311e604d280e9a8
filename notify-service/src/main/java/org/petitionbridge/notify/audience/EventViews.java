package org.petitionbridge.notify.audience;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.PetitionReceived;
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
        };
    }
}
