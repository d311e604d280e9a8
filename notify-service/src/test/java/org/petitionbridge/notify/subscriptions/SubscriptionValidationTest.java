package org.petitionbridge.notify.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.NotifyIntegrationTest;
import tools.jackson.databind.JsonNode;

class SubscriptionValidationTest extends NotifyIntegrationTest {

    private JsonNode problem(String body) throws Exception {
        return problem(body, "RSJ");
    }

    private JsonNode problem(String body, String department) throws Exception {
        HttpResponse<String> response = postJson("/api/v1/subscriptions", body, department);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        return json(response.body());
    }

    @Test
    void everyBadFieldIsNamed() throws Exception {
        // (only the bureau may name another department, so it is the bureau that names one that does not exist)
        JsonNode problem = problem("""
                {"department": "NOPE", "url": "ftp://example.com/x", "eventTypes": ["status", "closed", "status"],
                 "filters": {"categories": ["WAGE_ARREARS", "NO_SUCH"], "divisionPrefix": "99x", "classes": ["RUMOUR"]}}""",
                "XFJ");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("department", "url",
                "eventTypes[1]", "eventTypes[2]", "filters.categories[1]", "filters.divisionPrefix",
                "filters.classes[0]");
        assertThat(problem("{\"department\": \"RSJ\", \"filters\": {\"categories\": [\"WAGE_ARREARS\"]}}")
                .get("errors").findValuesAsString("field")).containsExactly("filters");
        assertThat(problem("{\"url\": \"\"}").get("errors").findValuesAsString("field")).containsExactly("url");
        assertThat(problem("{\"eventTypes\": \"status\"}", "RSJ").get("errors").findValuesAsString("field"))
                .containsExactly("eventTypes");
    }

    @Test
    void addressesThatCouldReachInternalSystemsAreRefused() throws Exception {
        for (String url : new String[] {"http://hooks.example.com/x", "https://169.254.169.254/latest/meta-data",
                "https://10.0.0.8/hook", "https://192.168.1.1/hook", "https://localhost/hook", "https://[::1]/hook",
                "https://[::ffff:169.254.169.254]/hook", "https://0.0.0.0/hook", "ftp://example.com/x",
                "https://user:pw@example.com/x", "https://127.0.0.2/hook"}) {
            JsonNode problem = problem("{\"department\": \"RSJ\", \"url\": \"" + url + "\"}");
            assertThat(problem.get("errors").get(0).get("field").asString()).as(url).isEqualTo("url");
            assertThat(problem.toString()).as("the answer does not echo the URL").doesNotContain(url);
        }
    }

    @Test
    void aDepartmentManagesOnlyItsOwnSubscriptionsAndTheBureauSeesAll() throws Exception {
        JsonNode feedOnly = subscribe("SJJ", "\"eventTypes\": [\"status\"], \"filters\": {\"categories\": "
                + "[\"MARKET_REGULATION\"]}");
        assertThat(feedOnly.has("url")).isFalse();
        assertThat(feedOnly.get("secret").asString()).startsWith("whsec_");
        String id = feedOnly.get("id").asString();

        // The department is the token's: naming another in the body is refused, unless the caller is the bureau.
        HttpResponse<String> forAnother = postJson("/api/v1/subscriptions", "{\"department\": \"SJJ\"}", "RSJ");
        assertThat(forAnother.statusCode()).isEqualTo(403);
        assertThat(forAnother.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json(forAnother.body()).get("rule").asString()).isEqualTo("own-department-only");
        assertThat(postJson("/api/v1/subscriptions", "{\"department\": \"NOPE\"}", "RSJ").statusCode()).isEqualTo(403);
        HttpResponse<String> byTheBureau = postJson("/api/v1/subscriptions", "{\"department\": \"JYJ\"}", "XFJ");
        assertThat(byTheBureau.statusCode()).as(byTheBureau.body()).isEqualTo(201);
        assertThat(json(byTheBureau.body()).get("department").asString()).isEqualTo("JYJ");
        String jyj = json(byTheBureau.body()).get("id").asString();
        assertThat(json(get("/api/v1/subscriptions", "JYJ").body()).findValuesAsString("id")).containsExactly(jyj);

        JsonNode own = json(get("/api/v1/subscriptions", "SJJ").body());
        assertThat(own.size()).isEqualTo(1);
        assertThat(own.get(0).has("secret")).as("a secret is shown once").isFalse();
        assertThat(own.get(0).get("filters").get("categories").get(0).asString()).isEqualTo("MARKET_REGULATION");
        assertThat(json(get("/api/v1/subscriptions", "RSJ").body()).size()).isZero();
        assertThat(get("/api/v1/subscriptions?department=SJJ", "RSJ").statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/subscriptions?department=SJJ", "ZFB").statusCode()).isEqualTo(403);
        assertThat(json(get("/api/v1/subscriptions?department=SJJ", "XFJ").body()).size()).isEqualTo(1);
        assertThat(json(get("/api/v1/subscriptions", "XFJ").body()).size()).isEqualTo(2);
        assertThat(get("/api/v1/subscriptions?department=NOPE", "XFJ").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/subscriptions").statusCode()).isEqualTo(401);

        // Another department's subscription answers exactly as one that does not exist.
        HttpResponse<String> others = delete("/api/v1/subscriptions/" + id, "RSJ");
        String unknownId = UUID.randomUUID().toString();
        HttpResponse<String> unknown = delete("/api/v1/subscriptions/" + unknownId, "RSJ");
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(others.body().replace(id, "ID")).isEqualTo(unknown.body().replace(unknownId, "ID"));
        assertThat(postJson("/api/v1/subscriptions/" + id + "/rotate-secret", "", "RSJ").body().replace(id, "ID"))
                .isEqualTo(postJson("/api/v1/subscriptions/" + unknownId + "/rotate-secret", "", "RSJ").body()
                        .replace(unknownId, "ID"));
        assertThat(delete("/api/v1/subscriptions/not-a-uuid", "SJJ").statusCode()).isEqualTo(404);
        // The bureau manages every department's subscriptions.
        assertThat(delete("/api/v1/subscriptions/" + jyj, "XFJ").statusCode()).isEqualTo(204);
        assertThat(json(get("/api/v1/subscriptions", "JYJ").body()).size()).isZero();
        assertThat(delete("/api/v1/subscriptions/" + id, "SJJ").statusCode()).isEqualTo(204);
        assertThat(delete("/api/v1/subscriptions/" + id, "SJJ").statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/subscriptions", "SJJ").body()).size()).isZero();
    }

    @Test
    void shapeAndRuleProblemsAreOneListWithTheirExactWordingAfterTheDepartmentIsAllowed() throws Exception {
        JsonNode problem = problem("""
                {"department": "NOPE", "url": " ", "eventTypes": ["status", null, "closed", "status"],
                 "filters": {"categories": ["NO_SUCH"], "divisionPrefix": "9", "classes": ["CLAIM", "claim"]}}""",
                "XFJ");
        Map<String, String> messages = new HashMap<>();
        problem.get("errors").forEach(e -> messages.put(e.get("field").asString(), e.get("message").asString()));
        assertThat(problem.get("errors").size()).isEqualTo(8);
        assertThat(messages).containsExactlyInAnyOrderEntriesOf(Map.of(
                "department", "must be a department code of the county (e.g. RSJ, T002)",
                "url", "must be an https URL, or left out for the pull feed only",
                "eventTypes[1]", "must be one of [received, routed, status, deadline, warning, project, screening, dispute]",
                "eventTypes[2]", "must be one of [received, routed, status, deadline, warning, project, screening, dispute]",
                "eventTypes[3]", "is listed twice",
                "filters.categories[0]", "must be a category code (e.g. WAGE_ARREARS, LAND_REQUISITION)",
                "filters.divisionPrefix", "must be 2 to 12 digits of a division code, e.g. 990101002",
                "filters.classes[1]", "must be one of [SUGGESTION, ACCUSATION, CLAIM]"));
        assertThat(problem("{\"filters\": {\"classes\": [\"CLAIM\"]}}")
                .get("errors").findValuesAsString("field")).containsExactly("filters");

        // A department naming another is refused before any field is judged, however bad the fields are.
        HttpResponse<String> forAnother = postJson("/api/v1/subscriptions", """
                {"department": "SJJ", "url": " ", "eventTypes": ["closed"], "filters": {"divisionPrefix": "x"}}""", "RSJ");
        assertThat(forAnother.statusCode()).isEqualTo(403);
        assertThat(json(forAnother.body()).get("rule").asString()).isEqualTo("own-department-only");
    }

    @Test
    void aMissingClassOrEventTypeIsNamedLikeAnUnknownOne() throws Exception {
        // a null class used to be a 500 (List.of(...).contains(null) throws)
        JsonNode problem = problem("{\"eventTypes\": [null], \"filters\": {\"classes\": [null]}}");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("eventTypes[0]", "filters.classes[0]");
        assertThat(problem.get("errors").findValuesAsString("message")).containsExactly(
                "must be one of [received, routed, status, deadline, warning, project, screening, dispute]", "must be one of [SUGGESTION, ACCUSATION, CLAIM]");
    }
}
