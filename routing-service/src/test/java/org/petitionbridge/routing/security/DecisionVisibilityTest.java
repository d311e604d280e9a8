package org.petitionbridge.routing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.routing.RoutingIntegrationTest;
import org.petitionbridge.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * Which decisions a department reads: those of the petitions it leads or co-handles now. The department a petition
 * complains about (回避) never reads its decisions, and neither does any other department: they get the very 404 of
 * a petition number that does not exist. The rule about the body complained about holds for the bureau and the
 * supervisor too (信访工作条例 Art 46(5)).
 */
class DecisionVisibilityTest extends RoutingIntegrationTest {

    private static final String DECISIONS = "/api/v1/routing/decisions/";
    /** 东河镇柳湾村: township government T002. */
    private static final String LIUWAN_VILLAGE = "990101002002";

    private static String as(String department) {
        return TestTokens.get().bearer(department);
    }

    @Test
    void theDepartmentAPetitionComplainsAboutNeverSeesItsDecisionsWhileTheAssignedDepartmentAndTheBureauDo() {
        // A demolition petition complaining about the housing department (ZJJ), which the rules would make lead:
        // it is recused, so no rule can place the petition, and the bureau assigns it to the township by hand.
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, LIUWAN_VILLAGE, "HOUSING_DEMOLITION", "住建局违规强拆", "住建局强拆我家房屋",
                "ZJJ"));
        JsonNode triaged = awaitTriage(petitionNo);
        assertThat(triaged.get("category").asString()).isEqualTo("HOUSING_DEMOLITION");
        // While it waits for the bureau, no department reads it.
        for (String department : List.of("ZJJ", "T002", "RSJ")) {
            assertThat(get(DECISIONS + petitionNo, as(department)).statusCode()).as(department).isEqualTo(404);
        }

        HttpResponse<String> assigned = postJson("/api/v1/routing/assignments", Map.of("petitionNo", petitionNo,
                "lead", "T002", "coHandlers", List.of("ZRZY"), "reason", "住建局回避，由属地镇政府牵头处理"));
        assertThat(assigned.statusCode()).isEqualTo(201);
        JsonNode manual = awaitRouted(petitionNo, "MANUAL");
        // Routing proposes, the ledger decides: until the ledger applies the decision, the township reads nothing.
        assertThat(get(DECISIONS + petitionNo, as("T002")).statusCode()).isEqualTo(404);
        ledgerApplies(petitionNo, manual);

        // The lead, the co-handler, the bureau and the supervisor read every decision, newest first.
        for (String reader : List.of("T002", "ZRZY", BUREAU, "ZFB")) {
            HttpResponse<String> seen = get(DECISIONS + petitionNo, as(reader));
            assertThat(seen.statusCode()).as(reader).isEqualTo(200);
            assertThat(json(seen).valueStream().map(d -> d.get("source").asString()).toList()).as(reader)
                    .containsExactly("MANUAL", "RULE");
            assertThat(strings(json(seen).get(1).get("recused"))).as(reader).containsExactly("ZJJ");
        }

        // The accused department, and a department with nothing to do with it, get the 404 of an unknown number.
        String unknown = "XF990101-20260101-999998";
        String unknownBody = get(DECISIONS + unknown, as("ZJJ")).body().replace(unknown, "{petitionNo}");
        for (String outsider : List.of("ZJJ", "RSJ")) {
            HttpResponse<String> hidden = get(DECISIONS + petitionNo, as(outsider));
            assertThat(hidden.statusCode()).as(outsider).isEqualTo(404);
            assertThat(hidden.headers().firstValue("Content-Type")).as(outsider).hasValueSatisfying(t ->
                    assertThat(t).startsWith("application/problem+json"));
            assertThat(hidden.body().replace(petitionNo, "{petitionNo}")).as(outsider).isEqualTo(unknownBody);
            assertThat(hidden.body()).as(outsider).doesNotContain("ZJJ", "T002", "住建局");
        }
        // The bureau gets the same 404 for the unknown number: it does not exist for anybody.
        assertThat(get(DECISIONS + unknown).body().replace(unknown, "{petitionNo}")).isEqualTo(unknownBody);
    }

    @Test
    void aRecusedCoHandlerDoesNotSeeTheDecisionTheRulesMadeWithoutIt() {
        // Demolition complaining about the township government T002: ZJJ leads, T002 would co-handle but is recused.
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, LIUWAN_VILLAGE, "HOUSING_DEMOLITION", "镇政府强拆", "镇政府强拆", "T002"));
        JsonNode routed = awaitRouted(petitionNo, "RULE");
        assertThat(routed.get("lead").asString()).isEqualTo("ZJJ");
        assertThat(strings(routed.get("recused"))).containsExactly("T002");
        ledgerApplies(petitionNo, routed);

        assertThat(get(DECISIONS + petitionNo, as("ZJJ")).statusCode()).isEqualTo(200);
        assertThat(get(DECISIONS + petitionNo, as("T002")).statusCode()).isEqualTo(404);
    }

    private static final String TRIAGE = "/api/v1/routing/triage?limit=500";
    private static final String UNKNOWN = "XF990101-20260101-999997";

    /** A petition complaining about the department that no rule can place (two categories tie): it waits in triage. */
    private String triagedComplaintAbout(String department) {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, null, "征地以后又要强拆", "征地以后又要强拆", department));
        awaitTriage(petitionNo);
        ledgerSays(petitionNo, "TRIAGE", "TRIAGED", null, List.of(), Map.of());
        assertThat(jdbc.sql("select awaiting_triage from petition where petition_no = ?").param(petitionNo)
                .query(Boolean.class).single()).isTrue();
        return petitionNo;
    }

    private static List<String> listed(HttpResponse<String> triage) {
        assertThat(triage.statusCode()).as(triage.body()).isEqualTo(200);
        return json(triage).valueStream().map(e -> e.get("petitionNo").asString()).toList();
    }

    /** The decisions of the petition answer the caller exactly like those of an unknown petition number. */
    private void decisionsLikeAnUnknownPetition(String department, String petitionNo) {
        String unknownBody = get(DECISIONS + UNKNOWN, as(department)).body().replace(UNKNOWN, "{petitionNo}");
        HttpResponse<String> hidden = get(DECISIONS + petitionNo, as(department));
        assertThat(hidden.statusCode()).as(department).isEqualTo(404);
        assertThat(hidden.headers().firstValue("Content-Type")).as(department).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(hidden.body().replace(petitionNo, "{petitionNo}")).as(department).isEqualTo(unknownBody);
    }

    private HttpResponse<String> assign(String petitionNo, String lead, String department) {
        return post("/api/v1/routing/assignments", "application/json", EventCodec.mapper().writeValueAsString(
                Map.of("petitionNo", petitionNo, "lead", lead, "reason", "以房屋征收为主")), as(department));
    }

    @Test
    void aPetitionAboutTheBureauIsHiddenFromTheBureauWhileTheSupervisorReadsIt() {
        String aboutTheBureau = triagedComplaintAbout("XFJ");
        String aboutZjj = triagedComplaintAbout("ZJJ");

        // The bureau: its decisions answer like an unknown number, the triage list leaves it out, and assigning it
        // answers like assigning an unknown number (it does not learn the petition exists).
        decisionsLikeAnUnknownPetition(BUREAU, aboutTheBureau);
        assertThat(listed(get(TRIAGE))).contains(aboutZjj).doesNotContain(aboutTheBureau);
        HttpResponse<String> unknownAssignment = assign(UNKNOWN, "ZJJ", BUREAU);
        HttpResponse<String> refused = assign(aboutTheBureau, "ZJJ", BUREAU);
        assertThat(unknownAssignment.statusCode()).isEqualTo(404);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body().replace(aboutTheBureau, "{petitionNo}"))
                .isEqualTo(unknownAssignment.body().replace(UNKNOWN, "{petitionNo}"));
        assertThat(decisionCount(aboutTheBureau)).as("nothing was assigned").isEqualTo(1);

        // The supervisor reads it, and takes the bureau's place for it: it waits in the supervisor's triage list
        // (and only that one there), and the supervisor assigns it.
        HttpResponse<String> supervisor = get(DECISIONS + aboutTheBureau, as("ZFB"));
        assertThat(supervisor.statusCode()).isEqualTo(200);
        assertThat(json(supervisor).get(0).get("petitionNo").asString()).isEqualTo(aboutTheBureau);
        assertThat(json(supervisor).get(0).get("triage").asBoolean()).isTrue();
        assertThat(listed(get(TRIAGE, as("ZFB")))).contains(aboutTheBureau).doesNotContain(aboutZjj);
        HttpResponse<String> bySupervisor = assign(aboutTheBureau, "ZJJ", "ZFB");
        assertThat(bySupervisor.statusCode()).as(bySupervisor.body()).isEqualTo(201);
        assertThat(json(bySupervisor).get("decidedBy").asString()).isEqualTo("ZFB");
        assertThat(json(bySupervisor).get("outcome").asString()).isEqualTo("PENDING");
        // a petition about someone else stays the bureau's to assign
        HttpResponse<String> notTheSupervisors = assign(aboutZjj, "RSJ", "ZFB");
        assertThat(notTheSupervisors.statusCode()).isEqualTo(403);
        assertThat(json(notTheSupervisors).get("rule").asString()).isEqualTo("only-acting-bureau-assigns");
    }

    @Test
    void aPetitionAboutTheSupervisorIsHiddenFromTheSupervisorWhileTheBureauReadsAndAssignsIt() {
        String aboutTheSupervisor = triagedComplaintAbout("ZFB");

        decisionsLikeAnUnknownPetition("ZFB", aboutTheSupervisor);
        // The bureau reads it, lists it in triage and assigns it.
        assertThat(get(DECISIONS + aboutTheSupervisor).statusCode()).isEqualTo(200);
        assertThat(listed(get(TRIAGE))).contains(aboutTheSupervisor);
        HttpResponse<String> assigned = assign(aboutTheSupervisor, "ZJJ", BUREAU);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);
        ledgerApplies(aboutTheSupervisor, awaitRouted(aboutTheSupervisor, "MANUAL"));
        HttpResponse<String> bureau = get(DECISIONS + aboutTheSupervisor);
        assertThat(json(bureau).valueStream().map(d -> d.get("source").asString()).toList())
                .containsExactly("MANUAL", "RULE");
        assertThat(get(DECISIONS + aboutTheSupervisor, as("ZJJ")).statusCode()).isEqualTo(200);

        // The supervisor still reads nothing of it, now that it is assigned too.
        decisionsLikeAnUnknownPetition("ZFB", aboutTheSupervisor);
    }
}
