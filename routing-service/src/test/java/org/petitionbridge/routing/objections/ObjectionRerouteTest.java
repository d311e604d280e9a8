package org.petitionbridge.routing.objections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.Topics;
import org.petitionbridge.routing.RoutingIntegrationTest;
import org.petitionbridge.testsupport.TopicWriter;
import tools.jackson.databind.JsonNode;

/** Objections (异议/退单) the bureau accepted, as the ledger reports them on petition.status.v1. */
class ObjectionRerouteTest extends RoutingIntegrationTest {

    /** 南岭镇茶园村: township government T004. */
    private static final String CHAYUAN_VILLAGE = "990101004002";

    private String routedDisasterPetition() {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, CHAYUAN_VILLAGE, "DISASTER_RELIEF", "洪水冲垮了房子", "洪水冲垮了房子", null));
        JsonNode rule = awaitRouted(petitionNo, "RULE");
        assertThat(rule.get("lead").asString()).isEqualTo("YJJ");
        assertThat(strings(rule.get("coHandlers"))).containsExactly("MZJ", "T004");
        return petitionNo;
    }

    @Test
    void anAcceptedObjectionReroutesWithoutTheDepartmentAndTheBureauAssignsWhatNoRuleCanPlace() {
        String petitionNo = routedDisasterPetition();

        // The civil-affairs bureau's objection is accepted: the rules decide again without it.
        CloudEvent objection = publish(status(petitionNo, ObjectionService.OBJECTION_ACCEPTED, "MZJ"));
        publish(Topics.STATUS, objection, status(petitionNo, ObjectionService.OBJECTION_ACCEPTED, "MZJ")); // again
        JsonNode reroute = awaitRouted(petitionNo, "REROUTE");
        assertThat(reroute.get("lead").asString()).isEqualTo("YJJ");
        assertThat(strings(reroute.get("coHandlers"))).containsExactly("T004");
        assertThat(reroute.get("ruleSetVersion").asInt()).isEqualTo(activeRuleSetVersion());
        assertThat(reroute.get("explanation").asString()).contains("县民政局的异议已获信访局同意，不再承办");
        awaitConsumed(Topics.STATUS);
        assertThat(decisionCount(petitionNo)).as("the redelivered objection decides nothing").isEqualTo(2);
        // the objection is recorded once by petition and department: routing records no event id for it
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = ?").param(objection.id())
                .query(Integer.class).single()).isZero();

        // Then the lead's objection: without both departments no rule can place the petition.
        publish(status(petitionNo, ObjectionService.OBJECTION_ACCEPTED, "YJJ"));
        JsonNode triage = awaitTriage(petitionNo);
        assertThat(triage.get("reason").asString()).contains("县民政局、县应急管理局的异议已获信访局同意",
                "无其他主办单位，需信访局人工分办");
        assertThat(triage.get("category").asString()).isEqualTo("DISASTER_RELIEF");
        assertThat(decisionCount(petitionNo)).isEqualTo(3);
        ledgerSays(petitionNo, "TRIAGE", "TRIAGED", null, List.of(), Map.of());
        assertThat(json(get("/api/v1/routing/triage?limit=500")).valueStream()
                .map(e -> e.get("petitionNo").asString())).contains(petitionNo);

        // The bureau may not give it back to a department whose objection it accepted ...
        HttpResponse<String> refused = postJson("/api/v1/routing/assignments", Map.of("petitionNo", petitionNo,
                "lead", "T004", "coHandlers", List.of("MZJ"), "reason", "由乡镇统筹救灾"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("rule").asString()).isEqualTo("objection-accepted");
        // ... but may assign it to another.
        HttpResponse<String> assigned = postJson("/api/v1/routing/assignments", Map.of("petitionNo", petitionNo,
                "lead", "T004", "coHandlers", List.of(), "reason", "由乡镇统筹救灾"));
        assertThat(assigned.statusCode()).isEqualTo(201);
        JsonNode manual = awaitRouted(petitionNo, "MANUAL");
        assertThat(manual.get("lead").asString()).isEqualTo("T004");
        // it leaves the triage list when the ledger applies the assignment
        ledgerApplies(petitionNo, manual);
        assertThat(json(get("/api/v1/routing/triage?limit=500")).valueStream()
                .map(e -> e.get("petitionNo").asString())).doesNotContain(petitionNo);

        assertThat(json(get("/api/v1/routing/decisions/" + petitionNo)).valueStream()
                .map(d -> d.get("source").asString()).toList())
                .containsExactly("MANUAL", "REROUTE", "REROUTE", "RULE");
    }

    @Test
    void everyOtherStatusEventIsIgnored() {
        String petitionNo = routedDisasterPetition();
        for (String action : List.of("OPENED", "ROUTED", "ACKNOWLEDGED", "OBJECTED", "OBJECTION_REJECTED",
                "REPLIED")) {
            publish(status(petitionNo, action, "MZJ"));
        }
        awaitConsumed(Topics.STATUS);
        assertThat(decisionCount(petitionNo)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from accepted_objection where petition_no = ?").param(petitionNo)
                .query(Integer.class).single()).isZero();
        assertThat(outputsAbout(petitionNo)).hasSize(1);
    }

    @Test
    void aStatusEventThatCannotBeActedOnIsDeadLetteredAndCounted() {
        double before = deadLetters(Topics.STATUS);
        String petitionNo = routedDisasterPetition();
        CloudEvent malformed = CloudEvent.create("/test", CaseStatusChanged.TYPE, petitionNo, Instant.now());
        TopicWriter.send(brokers, Topics.STATUS, petitionNo, malformed.toHeaders(), "{\"petitionNo\": ");
        publish(status(petitionNo, ObjectionService.OBJECTION_ACCEPTED, null));
        String unknown = newPetitionNo();
        publish(status(unknown, ObjectionService.OBJECTION_ACCEPTED, "MZJ"));

        String dlq = Topics.deadLetter(Topics.STATUS, "routing");
        await().atMost(Duration.ofSeconds(30)).until(() -> outputsAbout(petitionNo).stream()
                .filter(r -> r.topic().equals(dlq)).count() == 2
                && outputsAbout(unknown).stream().anyMatch(r -> r.topic().equals(dlq)));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(Topics.STATUS) == before + 3);
        assertThat(decisionCount(petitionNo)).isEqualTo(1);
        assertThat(decisionCount(unknown)).isZero();
    }
}
