package org.petitionbridge.notify.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;

/**
 * Who receives a case's events follows the ledger, on a real broker and database: a routing decision names nobody
 * into the audience; the department whose objection is accepted hears of that and of nothing after it; after
 * triage nobody handles the case; the department the bureau then assigns receives the content and what follows.
 */
class AudienceFollowsTheLedgerTest extends NotifyIntegrationTest {

    private static CaseStatusChanged change(String petitionNo, String status, String action, String lead,
            String objecting, long sequence) {
        return new CaseStatusChanged(petitionNo, status, null, action, null, lead, List.of(), "LABOR_EMPLOYMENT",
                "CLAIM", "990101002001", null, Instant.now(), Map.of(), objecting, Map.of(), List.of(), sequence);
    }

    private boolean consumed(String petitionNo, long sequence) {
        return jdbc.sql("select count(*) from notify_case where petition_no = ? and sequence = ?")
                .params(petitionNo, sequence).query(Integer.class).single() == 1;
    }

    @Test
    void theAudienceIsTheLedgersCaseAtEveryStep() throws Exception {
        subscribe("RSJ", "\"url\": \"" + receiver.url("/rsj") + "\"");
        subscribe("ZFW", "\"url\": \"" + receiver.url("/zfw") + "\"");
        String petitionNo = newPetitionNo();
        publish(Events.received(petitionNo, "LABOR_EMPLOYMENT", null));
        // routing proposes ZFW: the ledger never applies it, so ZFW hears nothing
        publish(Events.routed(petitionNo, "LABOR_EMPLOYMENT", "ZFW", List.of(), List.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from notify_case where petition_no = ? and routed_decision_id is not null")
                .param(petitionNo).query(Integer.class).single() == 1);
        // (a decision arriving after the ledger's case would reach the case's handlers, RSJ: it is theirs to read)
        publish(change(petitionNo, "ASSIGNED", "ROUTED", "RSJ", null, 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(webhooks("/rsj", petitionNo))
                .extracting(e -> e.get("type").asString())
                .containsExactlyInAnyOrder("petition.received.v1", "petition.status.v1"));
        assertThat(webhooks("/zfw", petitionNo)).isEmpty();

        // the bureau accepts RSJ's objection: RSJ hears of that, then of nothing
        publish(change(petitionNo, "OBJECTED", "OBJECTION_ACCEPTED", null, "RSJ", 4));
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/rsj", petitionNo).size() == 3);
        publish(change(petitionNo, "TRIAGE", "TRIAGED", null, null, 5));
        await().atMost(Duration.ofSeconds(30)).until(() -> consumed(petitionNo, 5));

        // the bureau assigns ZFW by hand: ZFW receives the petition's content and the case from now on
        publish(change(petitionNo, "ASSIGNED", "ROUTED", "ZFW", null, 6));
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/zfw", petitionNo).size() == 2);
        assertThat(webhooks("/zfw", petitionNo)).extracting(e -> e.get("type").asString())
                .containsExactlyInAnyOrder("petition.received.v1", "petition.status.v1");
        publish(change(petitionNo, "ACKNOWLEDGED", "ACKNOWLEDGE", "ZFW", null, 7));
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/zfw", petitionNo).size() == 3);
        assertThat(webhooks("/rsj", petitionNo)).hasSize(3);
        assertThat(feed("RSJ", petitionNo)).extracting(e -> e.get("data").get("action") == null ? "received"
                : e.get("data").get("action").asString()).doesNotContain("TRIAGED", "ACKNOWLEDGE");
    }

    @Test
    void theTownshipOfAVillageCadreHearsNothingEvenBeforeTheLedgerSpeaks() throws Exception {
        // T003 watches everything in its own township; the accusation names a cadre of its village 石门村
        subscribe("T003", "\"url\": \"" + receiver.url("/t003") + "\", \"eventTypes\": [\"received\", \"routed\","
                + " \"status\"], \"filters\": {\"divisionPrefix\": \"990101003\"}");
        subscribe("XFJ", "\"url\": \"" + receiver.url("/xfj-village") + "\", \"eventTypes\": [\"received\"],"
                + " \"filters\": {\"divisionPrefix\": \"990101003\"}");
        String accusation = newPetitionNo();
        var r = Events.received(accusation, "ACCUSATION", null);
        publish(new org.petitionbridge.events.PetitionReceived(r.petitionNo(), r.channel(), r.receivedAt(),
                r.registeredAt(), "990101003002", r.category(), r.petitionClass(), r.subject(), r.content(),
                r.groupSize(), r.group(), r.petitioners(), null,
                new org.petitionbridge.events.PetitionReceived.ComplainedAgainst(null, "村主任", null, "990101003002"),
                null));
        // an ordinary petition of the same township, which T003 does hear of (so it was listening)
        String ordinary = newPetitionNo();
        var o = Events.received(ordinary, "NEIGHBOR_DISPUTE", null);
        publish(new org.petitionbridge.events.PetitionReceived(o.petitionNo(), o.channel(), o.receivedAt(),
                o.registeredAt(), "990101003001", o.category(), o.petitionClass(), o.subject(), o.content(),
                o.groupSize(), o.group(), o.petitioners(), null, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> !webhooks("/t003", ordinary).isEmpty()
                && !webhooks("/xfj-village", accusation).isEmpty());
        assertThat(webhooks("/t003", accusation)).isEmpty();
        assertThat(feed("T003", accusation)).isEmpty();
        assertThat(jdbc.sql("select barred from notify_case where petition_no = ?").param(accusation)
                .query((rs, i) -> List.of((String[]) rs.getArray(1).getArray())).single()).containsExactly("T003");
    }
}
