package org.petitionbridge.ledger.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.events.Topics;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class CaseOpeningTest extends LedgerIntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(500);

    @Autowired
    CaseService cases;

    static String petitionNo() {
        return "XF990101-20261126-%06d".formatted(SEQUENCE.incrementAndGet());
    }

    static PetitionReceived received(String petitionNo) {
        return new PetitionReceived(petitionNo, "VISIT", Instant.parse("2026-11-20T01:30:00Z"), Instant.now(),
                "990101002001", "WAGE_ARREARS", "CLAIM", "欠薪", "包工头拖欠工钱", 1, false,
                List.of(new PetitionReceived.Petitioner("pseudo-1", "张*")), null, null, null);
    }

    static PetitionRouted routed(String petitionNo) {
        return new PetitionRouted(petitionNo, "d-" + petitionNo, "RULE", "RSJ", List.of("T002"), "COUNTY",
                "WAGE_ARREARS", "CLAIM", null, List.of(), List.of("category:WAGE_ARREARS"), List.of(), 1,
                "依据规则集 v1：……", Instant.parse("2026-11-21T02:00:00Z"));
    }

    private JsonNode awaitCase(String petitionNo, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = get("/api/v1/cases/" + petitionNo);
            return r.statusCode() == 200 ? EventCodec.mapper().readTree(r.body()) : null;
        }, c -> c != null && status.equals(c.get("status").asString()));
    }

    @Test
    void openingACaseAndAssigningItWriteTheCaseRowOnceEachWithItsHistoryEntryAndTwoEvents() {
        String petitionNo = petitionNo();
        PetitionReceived p = received(petitionNo);
        Map<String, Long> opened = rowsWritten(() -> cases.onReceived(new EventCodec.Received<>(
                CloudEvent.create("/test", PetitionReceived.TYPE, petitionNo, p.receivedAt()), p)));
        PetitionRouted r = routed(petitionNo);
        Map<String, Long> assigned = rowsWritten(() -> cases.onRouted(new EventCodec.Received<>(
                CloudEvent.create("/test", PetitionRouted.TYPE, petitionNo, r.decidedAt()), r)));

        // the case is inserted as it is once opened, not inserted empty and then written again
        assertThat(opened).containsExactlyInAnyOrderEntriesOf(
                Map.of("petition_case", 1L, "case_history", 1L, "outbox_event", 2L));
        // the decision is known by its id in the history: no event id is claimed for it
        assertThat(assigned).containsExactlyInAnyOrderEntriesOf(
                Map.of("petition_case", 1L, "case_history", 1L, "outbox_event", 2L));
        // the events on their topics too, as intake and routing publish them (consumed, they find the case open and
        // the decision applied, and change nothing): a ledger rebuilt from the topics has every case the tests opened
        publish(p, p.receivedAt());
        publish(r, r.decidedAt());
        awaitCase(petitionNo, "ASSIGNED");
    }

    @Test
    void aRoutedPetitionBecomesAnAssignedCaseWithItsDueDatesAndStatusEvents() throws Exception {
        String petitionNo = petitionNo();
        publish(received(petitionNo), received(petitionNo).receivedAt());
        awaitCase(petitionNo, "REGISTERED");
        publish(routed(petitionNo), routed(petitionNo).decidedAt());
        JsonNode c = awaitCase(petitionNo, "ASSIGNED");

        assertThat(c.get("lead").asString()).isEqualTo("RSJ");
        assertThat(c.get("coHandlers").get(0).asString()).isEqualTo("T002");
        // Received 2026-11-20 09:30 Shanghai: assign by 12-05; assigned 2026-11-21 10:00: acknowledge by 12-06.
        assertThat(c.get("dueDates").get("assign").asString()).isEqualTo("2026-12-05");
        assertThat(c.get("dueDates").get("acknowledge").asString()).isEqualTo("2026-12-06");
        assertThat(c.get("petitioners").get(0).get("maskedName").asString()).isEqualTo("张*");

        JsonNode history = EventCodec.mapper().readTree(get("/api/v1/cases/" + petitionNo + "/history").body());
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("toStatus").asString()).isEqualTo("REGISTERED");
        assertThat(history.get(1).get("toStatus").asString()).isEqualTo("ASSIGNED");

        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.STATUS))) {
            List<JsonNode> events = await().atMost(Duration.ofSeconds(20)).until(() -> reader
                    .poll(Duration.ofMillis(200)).stream().filter(r -> petitionNo.equals(r.key()))
                    .map(r -> EventCodec.mapper().readTree(r.body())).toList(), l -> l.size() == 2);
            assertThat(events.get(0).get("status").asString()).isEqualTo("REGISTERED");
            assertThat(events.get(1).get("status").asString()).isEqualTo("ASSIGNED");
            assertThat(events.get(1).get("previousStatus").asString()).isEqualTo("REGISTERED");
            assertThat(events.get(1).get("lead").asString()).isEqualTo("RSJ");
        }
    }

    @Test
    void aDecisionConsumedBeforeItsPetitionIsAppliedWhenThePetitionArrives() {
        String petitionNo = petitionNo();
        publish(routed(petitionNo));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from pending_decision where petition_no = ?").param(petitionNo)
                .query(Integer.class).single() == 1);
        publish(received(petitionNo));
        JsonNode c = awaitCase(petitionNo, "ASSIGNED");
        assertThat(c.get("lead").asString()).isEqualTo("RSJ");
    }

    /**
     * A routing decision is applied once, by its id: delivered twice while it waits for its petition, and again, under
     * its own event id and under another (routing's outbox publishing it twice), once the case has it. Each petition's
     * events follow on one partition, so a later petition assigned says the ones before were consumed.
     */
    @Test
    void aRoutingDecisionDeliveredAgainOrPublishedAgainUnderAnotherEventIdIsAppliedOnce() {
        String petitionNo = petitionNo();
        PetitionRouted decision = routed(petitionNo);
        String marker = petitionNo();
        publish(received(marker), received(marker).receivedAt());
        CloudEvent first = publish(decision, decision.decidedAt());
        TestEvents.publish(brokers, Topics.ROUTED, first, decision);
        publish(routed(marker), routed(marker).decidedAt());
        awaitCase(marker, "ASSIGNED");

        publish(received(petitionNo), received(petitionNo).receivedAt());
        awaitCase(petitionNo, "ASSIGNED");
        String later = petitionNo();
        publish(received(later), received(later).receivedAt());
        awaitCase(later, "REGISTERED");
        TestEvents.publish(brokers, Topics.ROUTED, first, decision);
        publish(decision, decision.decidedAt());
        publish(routed(later), routed(later).decidedAt());
        awaitCase(later, "ASSIGNED");

        assertThat(jdbc.sql("select action from case_history where petition_no = ? order by id").param(petitionNo)
                .query(String.class).list()).containsExactly("OPENED", "ROUTED");
        assertThat(jdbc.sql("select count(*) from pending_decision where petition_no = ?").param(petitionNo)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aTriagedPetitionWaitsForTheBureau() {
        String petitionNo = petitionNo();
        publish(received(petitionNo));
        publish(new PetitionTriaged(petitionNo, "未命中任何类别关键词，需信访局人工分办", null, null, List.of(),
                List.of(), "990101002001", 1, Instant.now()));
        JsonNode c = awaitCase(petitionNo, "TRIAGE");
        assertThat(c.get("routingExplanation").asString()).contains("人工分办");
    }

    @Test
    void aRedeliveredEventChangesNothingAndHistoryCannotBeRewritten() {
        String petitionNo = petitionNo();
        var event = publish(received(petitionNo));
        awaitCase(petitionNo, "REGISTERED");
        // The same CloudEvent id again.
        org.petitionbridge.testsupport.TopicWriter.send(brokers, Topics.RECEIVED, petitionNo, event.toHeaders(),
                new String(EventCodec.toJson(received(petitionNo)), java.nio.charset.StandardCharsets.UTF_8));
        publish(routed(petitionNo));
        awaitCase(petitionNo, "ASSIGNED");
        assertThat(jdbc.sql("select count(*) from case_history where petition_no = ?").param(petitionNo)
                .query(Integer.class).single()).isEqualTo(2);
        assertThatThrownBy(() -> jdbc.sql("update case_history set detail = 'x' where petition_no = ?")
                .param(petitionNo).update()).hasMessageContaining("append-only");
    }

    @Test
    void anUnknownCaseIsA404() throws Exception {
        assertThat(get("/api/v1/cases/XF990101-20000101-000001").statusCode()).isEqualTo(404);
    }
}
