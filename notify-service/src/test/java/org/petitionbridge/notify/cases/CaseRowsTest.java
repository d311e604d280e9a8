package org.petitionbridge.notify.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.notify.deliveries.DeliveryPlanner;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What notify writes of a case: one row a transaction, whether the transaction creates the case or changes it, one
 * event at a time or a consumed batch of them.
 */
class CaseRowsTest extends NotifyIntegrationTest {

    @Autowired
    DeliveryPlanner planner;

    private static EventCodec.Received<PetitionReceived> received(PetitionReceived p) {
        return new EventCodec.Received<>(CloudEvent.create("/test", PetitionReceived.TYPE, p.petitionNo(),
                Instant.now()), p);
    }

    private static EventCodec.Received<PetitionRouted> routed(PetitionRouted r) {
        return new EventCodec.Received<>(CloudEvent.create("/test", PetitionRouted.TYPE, r.petitionNo(),
                Instant.now()), r);
    }

    private Map<String, Object> caseRow(String petitionNo) {
        return jdbc.sql("select category, lead, co_handlers::text as co, received_event_id, routed_event_id"
                + " from notify_case where petition_no = ?").param(petitionNo).query().singleRow();
    }

    @Test
    void aNewCaseIsWrittenOnceAsItsFirstEventLeavesItAndOnceMoreForEachTransactionThatChangesIt() {
        String petitionNo = newPetitionNo();
        EventCodec.Received<PetitionReceived> received = received(Events.received(petitionNo, "WAGE_ARREARS", null));
        assertThat(rowsWritten(() -> planner.onReceived(received))).containsEntry("notify_case", 1L);
        assertThat(caseRow(petitionNo)).containsEntry("category", "WAGE_ARREARS")
                .containsEntry("received_event_id", received.event().id()).containsEntry("lead", null);

        EventCodec.Received<PetitionRouted> routed = routed(Events.routed(petitionNo, "WAGE_ARREARS", "RSJ",
                List.of("T002"), List.of()));
        assertThat(rowsWritten(() -> planner.onRouted(routed))).containsEntry("notify_case", 1L);
        assertThat(caseRow(petitionNo)).containsEntry("received_event_id", received.event().id())
                .containsEntry("routed_event_id", routed.event().id());
    }

    @Test
    void aConsumedBatchWritesEachOfItsCasesOnceWhateverItsEventsDo() {
        String petitionNo = newPetitionNo();
        EventCodec.Received<PetitionReceived> received = received(Events.received(petitionNo, "WAGE_ARREARS", null));
        EventCodec.Received<PetitionRouted> routed = routed(Events.routed(petitionNo, "WAGE_ARREARS", "RSJ",
                List.of("T002"), List.of()));
        Map<String, Long> rows = rowsWritten(() -> {
            planner.prepare(List.of(received.data(), routed.data()));
            planner.onReceived(received);
            planner.onRouted(routed);
        });

        assertThat(rows).containsEntry("notify_case", 1L);
        assertThat(caseRow(petitionNo)).containsEntry("received_event_id", received.event().id())
                .containsEntry("routed_event_id", routed.event().id());
    }
}
