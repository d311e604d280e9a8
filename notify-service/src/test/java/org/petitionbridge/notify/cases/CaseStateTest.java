package org.petitionbridge.notify.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.notify.Events;

/** Events of one case arrive on four topics in any order; the merged case is the same, and the ledger's. */
class CaseStateTest {

    private static final Instant AT = Instant.parse("2026-11-26T02:00:00Z");

    private static PetitionRouted routed(String lead, List<String> co, Instant at, List<String> recused) {
        return new PetitionRouted("P", "d", "RULE", lead, co, "COUNTY", "WAGE_ARREARS", "CLAIM", null, List.of(),
                List.of(), recused, 1, "x", at);
    }

    private static CaseStatusChanged status(String status, String lead, List<String> co, long sequence,
            List<String> barred) {
        return new CaseStatusChanged("P", status, null, "ROUTED", null, lead, co, "WAGE_ARREARS", "CLAIM",
                "990101002001", null, AT.plusSeconds(sequence), Map.of(), null, Map.of(), barred, sequence);
    }

    @Test
    void theLedgersNewestCaseWinsWhateverTheArrivalOrder() {
        CaseState inOrder = new CaseState("P");
        inOrder.applyStatus(status("ASSIGNED", "RSJ", List.of("T002"), 2, List.of()));
        inOrder.applyStatus(status("ASSIGNED", "ZJJ", List.of(), 5, List.of()));
        CaseState reversed = new CaseState("P");
        reversed.applyStatus(status("ASSIGNED", "ZJJ", List.of(), 5, List.of()));
        reversed.applyStatus(status("ASSIGNED", "RSJ", List.of("T002"), 2, List.of()));
        assertThat(inOrder.assigned()).containsExactly("ZJJ");
        assertThat(reversed.assigned()).containsExactly("ZJJ");
    }

    @Test
    void aRoutingDecisionAssignsNobodyAndTriageRemovesEveryHandler() {
        CaseState kase = new CaseState("P");
        kase.applyRouted("e", AT, routed("RSJ", List.of("T002"), AT, List.of()), "{}");
        assertThat(kase.assigned()).isEmpty();
        assertThat(kase.category()).isEqualTo("WAGE_ARREARS");
        kase.applyStatus(status("ASSIGNED", "RSJ", List.of("T002"), 2, List.of()));
        assertThat(kase.assigned()).containsExactly("RSJ", "T002");
        // the bureau accepted RSJ's objection and no rule placed the case: the ledger's case has nobody
        kase.applyStatus(status("TRIAGE", null, List.of(), 4, List.of()));
        assertThat(kase.assigned()).isEmpty();
        assertThat(kase.activeLead()).isNull();
    }

    @Test
    void anEventThatDoesNotKnowAFactNeverErasesIt() {
        CaseState kase = new CaseState("P");
        kase.applyStatus(status("ASSIGNED", "RSJ", List.of("T002"), 2, List.of()));
        // a clock event published before sequences existed never changes a case that has one
        kase.applyDeadline(Events.deadline("P", "OVERDUE", "ZJJ", List.of(), null));
        assertThat(kase.assigned()).containsExactly("RSJ", "T002");
        assertThat(kase.category()).isEqualTo("WAGE_ARREARS");
        assertThat(kase.divisionCode()).isEqualTo("990101002001");
    }

    @Test
    void aClockEventCarriesTheCaseOfItsSequence() {
        CaseState kase = new CaseState("P");
        kase.applyStatus(status("ASSIGNED", "RSJ", List.of("T002"), 2, List.of()));
        // raised by the ledger's scan after a change notify has not consumed yet (sequence 3): it carries that case
        kase.applyDeadline(new org.petitionbridge.events.DeadlineReached("P", "OVERDUE", "ACKNOWLEDGE",
                java.time.LocalDate.parse("2026-12-11"), 1, "ASSIGNED", "ZJJ", List.of(), "WAGE_ARREARS", "CLAIM",
                "990101002001", null, AT.plusSeconds(30), List.of(), 3L));
        assertThat(kase.assigned()).containsExactly("ZJJ");
        // the status event of sequence 3 arriving after it changes nothing more, an older one nothing at all
        kase.applyStatus(status("ASSIGNED", "RSJ", List.of(), 2, List.of()));
        assertThat(kase.assigned()).containsExactly("ZJJ");
    }

    @Test
    void theUnitComplainedAboutIsBarredFromEveryTopicAndStaysBarred() {
        CaseState fromRouting = new CaseState("P");
        fromRouting.applyRouted("e", Instant.now(), routed("JWJW", List.of("ZJJ"), Instant.now(), List.of("ZJJ")), "{}");
        fromRouting.applyStatus(status("ASSIGNED", "JWJW", List.of("ZJJ"), 2, List.of()));
        assertThat(fromRouting.barred()).containsExactly("ZJJ");
        assertThat(fromRouting.assigned()).containsExactly("JWJW");

        CaseState fromIntake = new CaseState("P");
        fromIntake.applyReceived("e", Instant.now(), Events.received("P", "ACCUSATION", "ZJJ"), "{}", Set.of("ZJJ"));
        fromIntake.applyDeadline(Events.deadline("P", "OVERDUE", "ZJJ", List.of(), null));
        assertThat(fromIntake.barred()).containsExactly("ZJJ");
        assertThat(fromIntake.activeLead()).isNull();
        assertThat(fromIntake.assigned()).isEmpty();

        // a village cadre: the ledger's event names the township it bars, before notify has the petition
        CaseState fromLedger = new CaseState("P");
        fromLedger.applyStatus(status("ASSIGNED", "JWJW", List.of("T003"), 2, List.of("T003")));
        assertThat(fromLedger.barred()).containsExactly("T003");
        assertThat(fromLedger.assigned()).containsExactly("JWJW");
    }
}
