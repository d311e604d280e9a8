package org.petitionbridge.routing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.routing.RoutingIntegrationTest;
import org.petitionbridge.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * Which decisions a department reads: those of the petitions it leads or co-handles now. The department a petition
 * complains about (回避) never reads its decisions, and neither does any other department: they get the very 404 of
 * a petition number that does not exist.
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
        awaitRouted(petitionNo, "MANUAL");

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

        assertThat(get(DECISIONS + petitionNo, as("ZJJ")).statusCode()).isEqualTo(200);
        assertThat(get(DECISIONS + petitionNo, as("T002")).statusCode()).isEqualTo(404);
    }
}
