package org.petitionbridge.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.ledger.cases.CaseLifecycleTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ledger's database is lost; replaying every topic from the beginning into the empty ledger rebuilds the
 * same cases and the same history.
 */
class LedgerRebuildTest extends LedgerIntegrationTest {

    @Autowired
    LedgerRebuilder rebuilder;

    private static final String CASES = "select petition_no, to_jsonb(c)::text as row from petition_case c"
            + " where petition_no not like 'XF990101-2025%' order by petition_no";
    private static final String HISTORY = "select petition_no, occurred_at, action, actor_department, from_status,"
            + " to_status, detail, details::text, snapshot::text from case_history"
            + " where petition_no not like 'XF990101-2025%' order by petition_no, occurred_at, id";

    @Test
    void replayingEveryTopicIntoAnEmptyLedgerRebuildsTheSameCases() throws Exception {
        // Some history of every kind, on top of whatever the other tests of this module left on the topics.
        String closed = assignedCase();
        act(closed, "RSJ", CaseLifecycleTest.ACKNOWLEDGE);
        act(closed, "RSJ", CaseLifecycleTest.REPLY);
        act(closed, "XFJ", "{\"type\": \"EVALUATE\", \"satisfaction\": \"BASICALLY_SATISFIED\"}");
        act(closed, "XFJ", "{\"type\": \"CLOSE\"}");
        String objected = assignedCase();
        act(objected, "RSJ", "{\"type\": \"OBJECT\", \"reasons\": \"不属本部门\"}");
        act(objected, "XFJ", "{\"type\": \"OBJECTION_DECISION\", \"decision\": \"ACCEPT\"}");
        publish(routed(objected, "REROUTE", "ZJJ", List.of(), clock.instant()));
        awaitStatus(objected, "ASSIGNED");
        String repeat = newPetitionNo();
        publish(received(repeat, clock.instant(), objected, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/v1/cases/" + repeat).statusCode() == 200);

        // Everything consumed and published: the same picture twice in a row, and an empty outbox.
        List<Map<String, Object>> before = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<Map<String, Object>> a = jdbc.sql(CASES).query().listOfRows();
                    List<Map<String, Object>> b = jdbc.sql(CASES).query().listOfRows();
                    int outbox = jdbc.sql("select count(*) from outbox_event").query(Integer.class).single();
                    return outbox == 0 && a.equals(b) ? b : null;
                }, r -> r != null);
        List<Map<String, Object>> historyBefore = jdbc.sql(HISTORY).query().listOfRows();

        // The database is lost (the statistics test's hand-made rows never were on a topic, so they go too).
        jdbc.sql("truncate petition_case, case_history, pending_decision, deadline_notice, processed_event,"
                + " outbox_event").update();

        LedgerRebuilder.Report report = rebuilder.rebuild();
        assertThat(report.refused()).isEmpty();
        assertThat(report.applied()).isPositive();

        assertThat(jdbc.sql(CASES).query().listOfRows()).isEqualTo(before);
        assertThat(jdbc.sql(HISTORY).query().listOfRows()).isEqualTo(historyBefore);
        assertThat(jdbc.sql("select count(*) from outbox_event").query(Integer.class).single()).isZero();
        // A second rebuild is refused: the ledger is no longer empty.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(rebuilder::rebuild))
                .hasMessageContaining("empty ledger");
    }
}
