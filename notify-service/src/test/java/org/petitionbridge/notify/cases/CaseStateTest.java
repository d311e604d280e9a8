package org.petitionbridge.notify.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.notify.Events;

/** Events of one case arrive on four topics in any order; the merged case is the same. */
class CaseStateTest {

    private static PetitionRouted routed(String lead, List<String> co, Instant at, List<String> recused) {
        return new PetitionRouted("P", "d", "RULE", lead, co, "COUNTY", "WAGE_ARREARS", "CLAIM", null, List.of(),
                List.of(), recused, 1, "x", at);
    }

    @Test
    void theNewestAssignmentWinsWhateverTheArrivalOrder() {
        Instant first = Instant.parse("2026-11-26T02:00:00Z");
        Instant reroute = first.plusSeconds(3600);
        CaseState inOrder = new CaseState("P");
        inOrder.applyRouted(routed("RSJ", List.of("T002"), first, List.of()));
        inOrder.applyRouted(routed("ZJJ", List.of(), reroute, List.of()));
        CaseState reversed = new CaseState("P");
        reversed.applyRouted(routed("ZJJ", List.of(), reroute, List.of()));
        reversed.applyRouted(routed("RSJ", List.of("T002"), first, List.of()));
        assertThat(inOrder.assigned()).containsExactly("ZJJ");
        assertThat(reversed.assigned()).containsExactly("ZJJ");
    }

    @Test
    void anEventThatDoesNotKnowAFactNeverErasesIt() {
        CaseState kase = new CaseState("P");
        kase.applyRouted(routed("RSJ", List.of("T002"), Instant.parse("2026-11-26T02:00:00Z"), List.of()));
        // the ledger's first status (before it heard of the assignment) has no lead and a later time
        kase.applyStatus(new org.petitionbridge.events.CaseStatusChanged("P", "REGISTERED", null, "OPENED", null, null,
                List.of(), null, null, "990101002001", null, Instant.parse("2026-11-26T02:00:01Z"), null, null));
        assertThat(kase.assigned()).containsExactly("RSJ", "T002");
        assertThat(kase.category()).isEqualTo("WAGE_ARREARS");
        assertThat(kase.divisionCode()).isEqualTo("990101002001");
    }

    @Test
    void theUnitComplainedAboutIsBarredFromEveryTopicAndStaysBarred() {
        CaseState fromRouting = new CaseState("P");
        fromRouting.applyRouted(routed("JWJW", List.of("ZJJ"), Instant.now(), List.of("ZJJ")));
        assertThat(fromRouting.barred()).containsExactly("ZJJ");
        assertThat(fromRouting.assigned()).containsExactly("JWJW");

        CaseState fromIntake = new CaseState("P");
        fromIntake.applyReceived("e", Instant.now(), Events.received("P", "ACCUSATION", "ZJJ"), "{}");
        fromIntake.applyDeadline(Events.deadline("P", "OVERDUE", "ZJJ", List.of(), null));
        assertThat(fromIntake.barred()).containsExactly("ZJJ");
        assertThat(fromIntake.activeLead()).isNull();
        assertThat(fromIntake.assigned()).isEmpty();
    }
}
