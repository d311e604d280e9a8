package org.petitionbridge.routing.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.Topics;
import org.petitionbridge.routing.RoutingIntegrationTest;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/** The triage list and the bureau's manual assignment (人工分办). */
class ManualAssignmentTest extends RoutingIntegrationTest {

    private static final String ASSIGNMENTS = "/api/v1/routing/assignments";

    private JsonNode triageEntry(String petitionNo) {
        return json(get("/api/v1/routing/triage?limit=500")).valueStream()
                .filter(e -> petitionNo.equals(e.get("petitionNo").asString())).findFirst().orElse(null);
    }

    private JsonNode decision(String petitionNo, String decisionId) {
        return json(get("/api/v1/routing/decisions/" + petitionNo)).valueStream()
                .filter(d -> decisionId.equals(d.get("decisionId").asString())).findFirst().orElseThrow();
    }

    @Test
    void theBureauIsToldUpFrontWhenTheLedgerWouldNotApplyAnAssignment() {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, "WAGE_ARREARS", "工地欠薪", "包工头拖欠工资三个月", null));
        JsonNode rule = awaitRouted(petitionNo, "RULE");
        ledgerApplies(petitionNo, rule);
        assertThat(decision(petitionNo, rule.get("decisionId").asString()).get("outcome").asString())
                .isEqualTo("APPLIED");
        // RSJ has signed for it (签收): the bureau cannot move it by hand any more, and is told why, in Chinese.
        ledgerSays(petitionNo, "ACKNOWLEDGED", "ACKNOWLEDGE", "RSJ", List.of("T002"), Map.of());
        HttpResponse<String> refused = postJson(ASSIGNMENTS, Map.of("petitionNo", petitionNo, "lead", "ZJJ",
                "reason", "改由住建局办理"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("rule").asString()).isEqualTo("case-not-assignable");
        assertThat(json(refused).get("detail").asString()).contains("已由承办单位签收受理", "异议");
        assertThat(decisionCount(petitionNo)).as("nothing was decided").isEqualTo(1);

        // a repeat merged into its original is assigned through the original
        String repeat = newPetitionNo();
        publish(petition(repeat, DONGHE_VILLAGE, "WAGE_ARREARS", "又来反映欠薪", "包工头拖欠工资三个月", null));
        awaitRouted(repeat, "RULE");
        ledgerSays(repeat, "REGISTERED", "OPENED", null, List.of(), Map.of("attachedTo", petitionNo));
        HttpResponse<String> attached = postJson(ASSIGNMENTS, Map.of("petitionNo", repeat, "lead", "ZJJ",
                "reason", "改由住建局办理"));
        assertThat(attached.statusCode()).isEqualTo(409);
        assertThat(json(attached).get("detail").asString()).contains("重复信访", petitionNo);
    }

    @Test
    void aStatusEventDeliveredAgainAfterANewerOneChangesNothing() {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, "WAGE_ARREARS", "工地欠薪", "包工头拖欠工资三个月", null));
        JsonNode rule = awaitRouted(petitionNo, "RULE");
        Said applied = ledgerApplies(petitionNo, rule);
        ledgerSays(petitionNo, "ACKNOWLEDGED", "ACKNOWLEDGE", "RSJ", List.of("T002"), Map.of());
        long acknowledged = ledgerSequence(petitionNo);

        // the ROUTED event once more, as after the ledger's relay died between sending and deleting it
        publish(Topics.STATUS, applied.event(), applied.change());
        awaitConsumed(Topics.STATUS);

        assertThat(ledgerSequence(petitionNo)).as("the older change does not replace the newer").isEqualTo(acknowledged);
        assertThat(jdbc.sql("select status from ledger_case where petition_no = ?").param(petitionNo)
                .query(String.class).single()).isEqualTo("ACKNOWLEDGED");
        assertThat(decision(petitionNo, rule.get("decisionId").asString()).get("outcome").asString())
                .isEqualTo("APPLIED");
        // keyed by the sequence and the decision: routing records no event id for status events
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = ?").param(applied.event().id())
                .query(Integer.class).single()).isZero();
        assertThat(postJson(ASSIGNMENTS, Map.of("petitionNo", petitionNo, "lead", "ZJJ", "reason", "改由住建局办理"))
                .statusCode()).as("still signed for: not assignable by hand").isEqualTo(409);
    }

    @Test
    void aManualDecisionTellsWhetherTheLedgerAppliedIt() {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, null, "征地以后又要强拆", "征地以后又要强拆", null));
        awaitTriage(petitionNo);
        ledgerSays(petitionNo, "TRIAGE", "TRIAGED", null, List.of(), Map.of());

        HttpResponse<String> first = postJson(ASSIGNMENTS, Map.of("petitionNo", petitionNo, "lead", "ZJJ",
                "reason", "以房屋征收为主"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json(first).get("outcome").asString()).isEqualTo("PENDING");
        String firstId = json(first).get("decisionId").asString();
        // the ledger could not apply it (the case moved on meanwhile): the decision says so, with the reason
        ledgerSays(petitionNo, "TRIAGE", "ROUTING_NOT_APPLIED", null, List.of(), Map.of("decisionId", firstId,
                "reason", "本件状态为 CLOSED，信访程序已结束，不能再分办"));
        JsonNode notApplied = decision(petitionNo, firstId);
        assertThat(notApplied.get("outcome").asString()).isEqualTo("NOT_APPLIED");
        assertThat(notApplied.get("outcomeReason").asString()).contains("信访程序已结束");

        HttpResponse<String> second = postJson(ASSIGNMENTS, Map.of("petitionNo", petitionNo, "lead", "ZRZY",
                "reason", "以征地补偿为主"));
        ledgerApplies(petitionNo, awaitOutput(org.petitionbridge.events.Topics.ROUTED, petitionNo,
                d -> "ZRZY".equals(d.get("lead").asString())));
        assertThat(decision(petitionNo, json(second).get("decisionId").asString()).get("outcome").asString())
                .isEqualTo("APPLIED");
        assertThat(decision(petitionNo, firstId).get("outcome").asString()).as("an outcome, once known, stays")
                .isEqualTo("NOT_APPLIED");
    }

    @Test
    void aPetitionWaitsInTriageUntilTheBureauAssignsItByHand() {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, null, "征地以后又要强拆", "征地以后又要强拆", null));
        awaitTriage(petitionNo);

        JsonNode waiting = triageEntry(petitionNo);
        assertThat(waiting).isNotNull();
        assertThat(waiting.get("divisionCode").asString()).isEqualTo(DONGHE_VILLAGE);
        assertThat(waiting.get("subject").asString()).isEqualTo("征地以后又要强拆");
        assertThat(strings(waiting.get("candidates"))).containsExactlyInAnyOrder("LAND_REQUISITION",
                "HOUSING_DEMOLITION");
        assertThat(waiting.get("reason").asString()).contains("关键词同等命中");
        assertThat(waiting.get("ruleSetVersion").asInt()).isEqualTo(activeRuleSetVersion());
        assertThat(waiting.get("triagedAt").isNull()).isFalse();

        HttpResponse<String> assigned = postJson(ASSIGNMENTS, Map.of("petitionNo", petitionNo, "lead", "ZJJ",
                "coHandlers", List.of("ZRZY", "T002"), "reason", "以房屋征收为主，征地补偿由自然资源局协办"));
        assertThat(assigned.statusCode()).isEqualTo(201);
        assertThat(assigned.headers().firstValue("Location")).hasValue("/api/v1/routing/decisions/" + petitionNo);
        assertThat(json(assigned).get("source").asString()).isEqualTo("MANUAL");
        assertThat(json(assigned).get("triage").asBoolean()).isFalse();
        assertThat(json(assigned).get("decidedBy").asString()).as("the bureau, from its token").isEqualTo(BUREAU);

        JsonNode manual = awaitRouted(petitionNo, "MANUAL");
        assertThat(manual.get("lead").asString()).isEqualTo("ZJJ");
        assertThat(strings(manual.get("coHandlers"))).containsExactly("ZRZY", "T002");
        assertThat(manual.get("ruleSetVersion").isNull()).isTrue();
        assertThat(manual.get("tier").isNull()).isTrue();
        assertThat(strings(manual.get("matchedRules"))).containsExactly("manual");
        assertThat(manual.get("explanation").asString()).isEqualTo("信访局人工分办：由县住房和城乡建设局主办；"
                + "县自然资源局、东河镇人民政府协办。理由：以房屋征收为主，征地补偿由自然资源局协办");
        assertThat(triageEntry(petitionNo)).as("it left the triage list").isNull();
        assertThat(json(get("/api/v1/routing/decisions/" + petitionNo)).get(0).get("decidedBy").asString())
                .isEqualTo(BUREAU);
    }

    @Test
    void whoAssignedIsTakenFromTheTokenNeverFromTheRequest() {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, null, "征地以后又要强拆", "征地以后又要强拆", null));
        awaitTriage(petitionNo);

        // The bureau's token names the actor; an actor named in the body (no such field exists) is ignored. A
        // bureau token without a department is refused outright (roles and department must agree).
        String body = EventCodec.mapper().writeValueAsString(Map.of("petitionNo", petitionNo, "lead", "ZJJ",
                "reason", "以房屋征收为主", "assignedBy", "RSJ", "actor", "RSJ", "decidedBy", "RSJ"));
        assertThat(post(ASSIGNMENTS, "application/json", body,
                "Bearer " + TestTokens.get().client("bureau-desk", Role.BUREAU)).statusCode()).isEqualTo(401);
        HttpResponse<String> assigned = post(ASSIGNMENTS, "application/json", body, TestTokens.get().bearer("XFJ"));
        assertThat(assigned.statusCode()).isEqualTo(201);
        assertThat(json(assigned).get("decidedBy").asString()).isEqualTo("XFJ");
        assertThat(jdbc.sql("select decided_by from routing_decision where petition_no = ? and source = 'MANUAL'")
                .param(petitionNo).query(String.class).single()).isEqualTo("XFJ");
        // The decisions routing makes by itself name nobody.
        assertThat(json(get("/api/v1/routing/decisions/" + petitionNo)).get(1).get("decidedBy").isNull()).isTrue();
    }

    @Test
    void aBadAssignmentIsRefusedFieldByField() {
        HttpResponse<String> refused = postJson(ASSIGNMENTS, Map.of("petitionNo", " ", "lead", "NOPE",
                "coHandlers", Arrays.asList("XX", "RSJ", "RSJ"), "reason", ""));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(problemFields(refused)).containsExactlyInAnyOrder("petitionNo", "lead", "coHandlers[0]",
                "coHandlers[2]", "reason");

        HttpResponse<String> phone = postJson(ASSIGNMENTS, Map.of("petitionNo", newPetitionNo(), "lead", "RSJ",
                "reason", "请联系13800001111"));
        assertThat(problemFields(phone)).containsExactly("reason");
        assertThat(phone.body()).doesNotContain("13800001111");

        HttpResponse<String> malformed = post(ASSIGNMENTS, "application/json", "{\"petitionNo\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongType = post(ASSIGNMENTS, "application/json",
                "{\"petitionNo\": \"X\", \"lead\": \"RSJ\", \"coHandlers\": \"T001\", \"reason\": \"r\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/routing/triage?limit=0").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownPetitionCannotBeAssigned() {
        HttpResponse<String> missing = postJson(ASSIGNMENTS, Map.of("petitionNo", "XF990101-20260101-999999",
                "lead", "RSJ", "reason", "测试"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("title").asString()).isEqualTo("Not found");
    }

    @Test
    void theDepartmentAPetitionComplainsAboutIsNeverAssignedByHand() {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, "HOUSING_DEMOLITION", "镇政府强拆", "镇政府强拆", "T002"));
        awaitRouted(petitionNo, "RULE");

        for (Map<String, Object> assignment : List.<Map<String, Object>>of(
                Map.of("petitionNo", petitionNo, "lead", "T002", "reason", "属地处理"),
                Map.of("petitionNo", petitionNo, "lead", "ZJJ", "coHandlers", List.of("T002"), "reason", "属地协办"))) {
            HttpResponse<String> refused = postJson(ASSIGNMENTS, assignment);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(json(refused).get("rule").asString()).isEqualTo("recusal");
        }
        assertThat(decisionCount(petitionNo)).isEqualTo(1);
    }
}
