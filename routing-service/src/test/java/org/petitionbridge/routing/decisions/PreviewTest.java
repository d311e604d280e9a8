package org.petitionbridge.routing.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.routing.RoutingIntegrationTest;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/routing/preview: the decision of the active rules, shaped like the event, published nowhere. */
class PreviewTest extends RoutingIntegrationTest {

    private static final String PREVIEW = "/api/v1/routing/preview";

    @Test
    void thePreviewIsTheDecisionOfTheActiveRulesAndChangesNothing() {
        int decisions = jdbc.sql("select count(*) from routing_decision").query(Integer.class).single();
        HttpResponse<String> response = postJson(PREVIEW, Map.of("divisionCode", DONGHE_VILLAGE,
                "category", "WAGE_ARREARS", "subject", "包工头拖欠农民工工资", "content", "工地欠薪三个月"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode preview = json(response);
        assertThat(preview.get("lead").asString()).isEqualTo("RSJ");
        assertThat(strings(preview.get("coHandlers"))).containsExactly("T002");
        assertThat(preview.get("tier").asString()).isEqualTo("COUNTY");
        assertThat(preview.get("triage").asBoolean()).isFalse();
        assertThat(preview.get("suggestedCategory").isNull()).isTrue();
        assertThat(strings(preview.get("matchedKeywords"))).isEmpty();
        assertThat(preview.get("ruleSetVersion").asInt()).isEqualTo(activeRuleSetVersion());
        assertThat(preview.get("explanation").asString()).endsWith(
                "类别\"拖欠工资\"由县人力资源和社会保障局主办（谁主管、谁负责）；属地东河镇人民政府协办（属地管理）");

        JsonNode suggested = json(postJson(PREVIEW, Map.of("divisionCode", DONGHE_VILLAGE,
                "subject", "村干部受贿", "complainedAgainst", Map.of("department", "T002"))));
        assertThat(suggested.get("suggestedCategory").asString()).isEqualTo("ACCUSATION");
        assertThat(suggested.get("lead").asString()).isEqualTo("JWJW");

        assertThat(jdbc.sql("select count(*) from routing_decision").query(Integer.class).single())
                .isEqualTo(decisions);
    }

    @Test
    void aBadPreviewListsEveryBadField() {
        HttpResponse<String> refused = postJson(PREVIEW, Map.of("divisionCode", "110101", "category", "NOPE",
                "complainedAgainst", Map.of("department", "NOPE")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(problemFields(refused)).containsExactlyInAnyOrder("divisionCode", "category",
                "complainedAgainst.department");
        HttpResponse<String> nothingToSuggestFrom = postJson(PREVIEW, Map.of("divisionCode", DONGHE_VILLAGE));
        assertThat(problemFields(nothingToSuggestFrom)).containsExactly("subject");
    }
}
