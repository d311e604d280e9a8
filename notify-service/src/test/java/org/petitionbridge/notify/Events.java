package org.petitionbridge.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.DeadlineReached;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;

/** Events as the upstream services publish them, with recognisable content for privacy assertions. */
public final class Events {

    public static final String CONTENT = "包工头拖欠东河村农民工工资八个月";
    public static final String SUBJECT = "讨薪";
    public static final String PSEUDONYM = "psn_7f3a9c";
    public static final String MASKED_NAME = "张*";
    public static final String TRACKING_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    public static final String ACCUSED_PERSON = "李某";

    private Events() {
    }

    public static PetitionReceived received(String petitionNo, String category, String complainedAgainst) {
        return received(petitionNo, category, complainedAgainst, false, null);
    }

    public static PetitionReceived received(String petitionNo, String category, String complainedAgainst,
            boolean group, String repeatOf) {
        return new PetitionReceived(petitionNo, "ONLINE", Instant.parse("2026-11-26T02:00:00Z"),
                Instant.parse("2026-11-26T02:00:05Z"), "990101002001", category,
                category == null ? null : "ACCUSATION".equals(category) ? "ACCUSATION" : "CLAIM", SUBJECT, CONTENT,
                group ? 6 : 1, group, List.of(new PetitionReceived.Petitioner(PSEUDONYM, MASKED_NAME)), repeatOf,
                complainedAgainst == null ? null
                        : new PetitionReceived.ComplainedAgainst(complainedAgainst, ACCUSED_PERSON),
                TRACKING_HASH);
    }

    public static PetitionRouted routed(String petitionNo, String category, String lead, List<String> coHandlers,
            List<String> recused) {
        return new PetitionRouted(petitionNo, "dec-" + petitionNo, "RULE", lead, coHandlers, "COUNTY", category,
                "ACCUSATION".equals(category) ? "ACCUSATION" : "CLAIM", null, List.of(), List.of("rule-" + category),
                recused, 1, "按规则分办", Instant.now());
    }

    /** The ledger's change numbers: every status event made here is newer than the one before. */
    private static final java.util.concurrent.atomic.AtomicLong CHANGES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The ledger's status event after it applied the decision {@link #routed} makes for the petition: it names the
     * decision, so notify gives the decision to the departments it names.
     */
    public static CaseStatusChanged status(String petitionNo, String status, String lead, List<String> coHandlers,
            String category, String complainedAgainst) {
        return new CaseStatusChanged(petitionNo, status, "REGISTERED", "ROUTED", null, lead, coHandlers, category,
                "ACCUSATION".equals(category) ? "ACCUSATION" : "CLAIM", "990101002001", complainedAgainst,
                Instant.now(), Map.of("acknowledge", LocalDate.parse("2026-12-11")), null,
                Map.of("decisionId", "dec-" + petitionNo, "source", "RULE"),
                complainedAgainst == null ? List.of() : List.of(complainedAgainst), CHANGES.incrementAndGet());
    }

    public static DeadlineReached deadline(String petitionNo, String kind, String lead, List<String> coHandlers,
            String complainedAgainst) {
        return new DeadlineReached(petitionNo, kind, "REPLY", LocalDate.parse("2027-01-25"),
                "DUE_SOON".equals(kind) ? -3 : 2, "ACKNOWLEDGED", lead, coHandlers, "WAGE_ARREARS", "CLAIM",
                "990101002001", complainedAgainst, Instant.now());
    }
}
