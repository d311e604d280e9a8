package org.petitionbridge.risk.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.petitionbridge.risk.RiskIntegrationTest;
import tools.jackson.databind.JsonNode;

/** A project registered, assessed and decided over HTTP, against the real database. */
class ProjectAssessmentTest extends RiskIntegrationTest {

    @Test
    void aProjectIsRegisteredAsADraftOfItsDepartment() {
        HttpResponse<String> r = post("ZJJ", "/api/v1/projects", """
                {"name": "东河村棚户区改造", "divisions": ["990101002001"], "categories": ["HOUSING_DEMOLITION"],
                 "households": 120}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode p = json(r);
        assertThat(p.get("status").asString()).isEqualTo("DRAFT");
        assertThat(p.get("department").asString()).isEqualTo("ZJJ");
        assertThat(p.get("level").isNull()).isTrue();
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/projects/" + p.get("id").asString());
    }

    @Test
    void badProjectsAreRefusedFieldByField() {
        HttpResponse<String> r = post("ZJJ", "/api/v1/projects", """
                {"name": "", "divisions": ["990101099001"], "categories": ["NO_SUCH"], "households": 0}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"name\"", "\"field\":\"households\"", "\"field\":\"divisions[0]\"",
                "\"field\":\"categories[0]\"", "is not a village or township code of the county");
    }

    @Test
    void aDepartmentRegistersOnlyItsOwnProjectsAndSeesOnlyThem() {
        HttpResponse<String> other = post("ZJJ", "/api/v1/projects", """
                {"name": "征地", "department": "ZRZY", "divisions": ["990101002"], "categories": ["LAND_REQUISITION"],
                 "households": 10}""");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).get("rule").asString()).isEqualTo("own-department-only");

        String id = project("ZJJ", "[\"990101002001\"]", "[\"HOUSING_DEMOLITION\"]", 20);
        assertThat(get("ZJJ", "/api/v1/projects/" + id).statusCode()).isEqualTo(200);
        assertThat(get("ZFB", "/api/v1/projects/" + id).statusCode()).isEqualTo(200);   // the supervisor reads all
        assertThat(get("RSJ", "/api/v1/projects/" + id).statusCode()).isEqualTo(404);
        assertThat(post("RSJ", "/api/v1/projects/" + id + "/assessments", assessment(20, 0, null)).statusCode())
                .isEqualTo(404);
        assertThat(get("RSJ", "/api/v1/projects").body()).doesNotContain(id);
        assertThat(get("XFJ", "/api/v1/projects").body()).contains(id);
        assertThat(get("ZJJ", "/api/v1/projects/not-a-uuid").statusCode()).isEqualTo(404);
    }

    @Test
    void belowTheSurveyCoverageNoLevelCanBeSetAndTheAnswerSaysHowManyHouseholdsAreMissing() {
        String id = project("ZJJ", "[\"990101002001\"]", "[\"HOUSING_DEMOLITION\"]", 200);
        HttpResponse<String> r = post("ZJJ", "/api/v1/projects/" + id + "/assessments", assessment(180, 2, null));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("rule").asString()).isEqualTo("survey-coverage");
        assertThat(json(r).get("detail").asString()).contains("受影响 200 户", "已调查 180 户", "还需至少调查 10 户", "95%");
        assertThat(json(get("ZJJ", "/api/v1/projects/" + id)).get("assessments")).isEmpty();
    }

    @Test
    void theLevelFollowsTheSurveyAndMayBeRaisedButNeverLowered() {
        String id = project("ZJJ", "[\"990101002001\"]", "[\"HOUSING_DEMOLITION\"]", 100);
        HttpResponse<String> lowered = post("ZJJ", "/api/v1/projects/" + id + "/assessments", assessment(100, 10, "LOW"));
        assertThat(lowered.statusCode()).isEqualTo(409);
        assertThat(json(lowered).get("rule").asString()).isEqualTo("level-below-survey");
        assertThat(json(lowered).get("detail").asString()).contains("反对 10 户", "10.0%", "「中」");

        JsonNode computed = json(post("ZJJ", "/api/v1/projects/" + id + "/assessments", assessment(100, 10, null)));
        assertThat(computed.get("level").asString()).isEqualTo("MEDIUM");
        assertThat(computed.get("status").asString()).isEqualTo("ASSESSED");

        JsonNode raised = json(post("ZJJ", "/api/v1/projects/" + id + "/assessments", assessment(100, 10, "HIGH")));
        assertThat(raised.get("level").asString()).isEqualTo("HIGH");
        JsonNode second = raised.get("assessments").get(1);
        assertThat(second.get("number").asInt()).isEqualTo(2);
        assertThat(second.get("computedLevel").asString()).isEqualTo("MEDIUM");
        assertThat(second.get("opposedPercent").asDouble()).isEqualTo(10.0);
        assertThat(raised.get("assessments")).hasSize(2);   // every assessment is kept
    }

    @Test
    void badAssessmentsAreRefusedFieldByField() {
        String id = project("ZJJ", "[\"990101002001\"]", "[\"HOUSING_DEMOLITION\"]", 10);
        HttpResponse<String> r = post("ZJJ", "/api/v1/projects/" + id + "/assessments", """
                {"riskPoints": [{"description": "", "likelihood": "MEDIUM"}], "survey": {"householdsSurveyed": 12,
                 "opposed": 13}, "methods": ["电话", null], "conclusion": ""}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("riskPoints[0].description", "riskPoints[0].impact", "survey.opposed",
                "survey.householdsSurveyed", "methods[0]", "methods[1]", "conclusion");
    }

    @Test
    void onlyALowRiskProjectMayProceedAndEveryRefusalNamesItsRule() {
        String id = project("ZJJ", "[\"990101002001\"]", "[\"HOUSING_DEMOLITION\"]", 40);
        String decision = "/api/v1/projects/" + id + "/decision";
        HttpResponse<String> early = post("ZJJ", decision, "{\"decision\": \"PROCEED\", \"reason\": \"群众支持\"}");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).get("rule").asString()).isEqualTo("decision-needs-assessment");

        assertThat(post("ZJJ", "/api/v1/projects/" + id + "/assessments", assessment(40, 4, null)).statusCode())
                .isEqualTo(201);   // 10 %: MEDIUM
        HttpResponse<String> medium = post("ZJJ", decision, "{\"decision\": \"PROCEED\", \"reason\": \"群众支持\"}");
        assertThat(medium.statusCode()).isEqualTo(409);
        assertThat(json(medium).get("rule").asString()).isEqualTo("proceed-needs-low-risk");
        assertThat(json(medium).get("detail").asString()).contains("只有评估为低风险的项目方可实施", "「中」");

        JsonNode postponed = json(post("ZJJ", decision, "{\"decision\": \"POSTPONE\", \"reason\": \"先落实补偿方案\"}"));
        assertThat(postponed.get("status").asString()).isEqualTo("POSTPONED");
        // New measures, a new assessment: 1 of 40 opposed, LOW; now it may proceed.
        assertThat(post("ZJJ", "/api/v1/projects/" + id + "/assessments", assessment(40, 1, null)).statusCode())
                .isEqualTo(201);
        JsonNode proceeding = json(post("ZJJ", decision, "{\"decision\": \"PROCEED\", \"reason\": \"风险可控\"}"));
        assertThat(proceeding.get("status").asString()).isEqualTo("PROCEEDING");
        assertThat(proceeding.get("decidedBy").asString()).isEqualTo("ZJJ");

        HttpResponse<String> again = post("XFJ", decision, "{\"decision\": \"REJECT\", \"reason\": \"x\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("rule").asString()).isEqualTo("project-decided");

        HttpResponse<String> bad = post("ZJJ", decision, "{\"decision\": \"MAYBE\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"decision\"");
        HttpResponse<String> noReason = post("ZJJ", decision, "{\"decision\": \"REJECT\"}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("\"field\":\"reason\"", "is required");
    }

    @Test
    void aRejectedProjectIsNotAssessedAgain() {
        String id = project("ZJJ", "[\"990101002001\"]", "[\"HOUSING_DEMOLITION\"]", 10);
        post("ZJJ", "/api/v1/projects/" + id + "/assessments", assessment(10, 8, null));
        assertThat(json(post("XFJ", "/api/v1/projects/" + id + "/decision",
                "{\"decision\": \"REJECT\", \"reason\": \"反对者众\"}")).get("status").asString()).isEqualTo("REJECTED");
        HttpResponse<String> r = post("ZJJ", "/api/v1/projects/" + id + "/assessments", assessment(10, 0, null));
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(json(r).get("rule").asString()).isEqualTo("project-rejected");
    }
}
