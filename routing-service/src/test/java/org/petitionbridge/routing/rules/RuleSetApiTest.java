package org.petitionbridge.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.routing.RoutingIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Rule sets as versioned data through the REST API, and their effect on the decisions made from the broker. */
class RuleSetApiTest extends RoutingIntegrationTest {

    private static final String RULE_SETS = "/api/v1/routing/rule-sets";

    /** The categories section of demo-county.yaml, as text: the YAML format a county already writes. */
    private static String demoCategoriesYaml() {
        try (InputStream in = RuleSetApiTest.class.getClassLoader().getResourceAsStream(CountyReference.DEMO_RESOURCE)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = yaml.indexOf("\ncategories:") + 1;
            int end = yaml.indexOf("\n# Development clients");
            return yaml.substring(start, end);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Other tests expect the demo county's rules: put them back (as a new version) when a test changed them. */
    @AfterEach
    void restoreTheDemoRules() {
        JsonNode first = json(get(RULE_SETS + "/1"));
        JsonNode active = json(get(RULE_SETS + "/active"));
        if (!first.get("categories").equals(active.get("categories"))
                || !first.get("townships").equals(active.get("townships"))) {
            assertThat(post(RULE_SETS, "application/json", first.toString()).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void theActiveRuleSetAndEveryVersionCanBeRead() {
        HttpResponse<String> active = get(RULE_SETS + "/active");
        assertThat(active.statusCode()).isEqualTo(200);
        assertThat(json(active).get("version").asInt()).isEqualTo(activeRuleSetVersion());
        assertThat(json(active).get("active").asBoolean()).isTrue();

        JsonNode first = json(get(RULE_SETS + "/1"));
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("note").asString()).contains("demo-county.yaml");
        assertThat(first.get("createdBy").isNull()).as("written from the reference data, by nobody").isTrue();
        assertThat(first.get("categories").size()).isEqualTo(21);
        JsonNode wages = first.get("categories").get("WAGE_ARREARS");
        assertThat(wages.get("name").asString()).isEqualTo("拖欠工资");
        assertThat(wages.get("class").asString()).isEqualTo("CLAIM");
        assertThat(wages.get("lead").asString()).isEqualTo("RSJ");
        assertThat(wages.get("coHandleByTownship").asBoolean()).isTrue();
        assertThat(wages.get("keywords").size()).isEqualTo(6);
        assertThat(first.get("categories").get("OTHER").get("lead").isNull()).isTrue();
        assertThat(first.get("townships").size()).isEqualTo(6);

        HttpResponse<String> missing = get(RULE_SETS + "/9999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(get(RULE_SETS + "/latest").statusCode()).isEqualTo(400);
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = json(docs).get("paths");
        assertThat(paths.has(RULE_SETS)).isTrue();
        assertThat(paths.get(RULE_SETS).get("post").get("requestBody").get("content").has("application/yaml"))
                .isTrue();
        assertThat(paths.has(RULE_SETS + "/active")).isTrue();
        assertThat(paths.has("/api/v1/routing/triage")).isTrue();
        assertThat(paths.has("/api/v1/routing/assignments")).isTrue();
    }

    @Test
    void aNewRuleSetInTheYamlOfDemoCountyTakesEffectForTheNextPetitionOnly() {
        String before = newPetitionNo();
        publish(petition(before, DONGHE_VILLAGE, "WAGE_ARREARS", "工地欠薪", "工地欠薪", null));
        JsonNode first = awaitRouted(before, "RULE");
        int oldVersion = first.get("ruleSetVersion").asInt();
        assertThat(strings(first.get("coHandlers"))).containsExactly("T002");

        // The bureau adds the housing department as co-handler of wage arrears (construction sites).
        String yaml = "note: 拖欠工资增加住建局协办\n" + demoCategoriesYaml().replace(
                "lead: RSJ, coHandleByTownship: true,", "lead: RSJ, coHandleByTownship: true, coHandlers: [ZJJ],");
        HttpResponse<String> created = post(RULE_SETS, "application/yaml", yaml);
        assertThat(created.statusCode()).isEqualTo(201);
        int newVersion = json(created).get("version").asInt();
        assertThat(newVersion).isGreaterThan(oldVersion);
        assertThat(created.headers().firstValue("Location")).hasValue(RULE_SETS + "/" + newVersion);
        assertThat(json(created).get("active").asBoolean()).isTrue();
        assertThat(json(created).get("note").asString()).isEqualTo("拖欠工资增加住建局协办");
        assertThat(json(created).get("createdBy").asString()).as("the bureau, from its token").isEqualTo(BUREAU);

        // Activation is atomic: exactly one version is active, and the old one stays readable as it was.
        assertThat(json(get(RULE_SETS + "/active")).get("version").asInt()).isEqualTo(newVersion);
        JsonNode old = json(get(RULE_SETS + "/" + oldVersion));
        assertThat(old.get("active").asBoolean()).isFalse();
        assertThat(old.get("categories").get("WAGE_ARREARS").get("coHandlers").size()).isZero();
        assertThat(jdbc.sql("select count(*) from rule_set where active").query(Integer.class).single()).isEqualTo(1);

        HttpResponse<String> preview = postJson("/api/v1/routing/preview", Map.of("divisionCode", DONGHE_VILLAGE,
                "category", "WAGE_ARREARS", "subject", "欠薪"));
        assertThat(json(preview).get("coHandlers").toString()).isEqualTo("[\"ZJJ\",\"T002\"]");
        assertThat(json(preview).get("ruleSetVersion").asInt()).isEqualTo(newVersion);

        String after = newPetitionNo();
        publish(petition(after, DONGHE_VILLAGE, "WAGE_ARREARS", "工地欠薪", "工地欠薪", null));
        JsonNode next = awaitRouted(after, "RULE");
        assertThat(next.get("ruleSetVersion").asInt()).isEqualTo(newVersion);
        assertThat(strings(next.get("coHandlers"))).containsExactly("ZJJ", "T002");
        assertThat(next.get("explanation").asString()).startsWith("依据规则集 v" + newVersion + "：")
                .contains("县住房和城乡建设局协办");

        // The petition decided before the change keeps its decision and its version.
        JsonNode earlier = json(get("/api/v1/routing/decisions/" + before));
        assertThat(earlier.size()).isEqualTo(1);
        assertThat(earlier.get(0).get("ruleSetVersion").asInt()).isEqualTo(oldVersion);
        assertThat(strings(earlier.get(0).get("coHandlers"))).containsExactly("T002");
    }

    @Test
    void aRuleSetReadFromTheApiCanBePostedBackAsJson() {
        JsonNode first = json(get(RULE_SETS + "/1"));
        // The read-only fields, createdBy among them, are ignored: who posts is taken from the token.
        String posted = ((ObjectNode) first.deepCopy()).put("createdBy", "RSJ").toString();
        HttpResponse<String> created = post(RULE_SETS, "application/json", posted);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("createdBy").asString()).isEqualTo(BUREAU);
        assertThat(json(created).get("version").asInt()).isEqualTo(activeRuleSetVersion()).isGreaterThan(1);
        assertThat(json(created).get("categories")).isEqualTo(first.get("categories"));
        assertThat(json(created).get("townships")).isEqualTo(first.get("townships"));
    }

    @Test
    void anInvalidRuleSetIsRefusedWithEveryProblemNamedAndNothingChanges() {
        int active = activeRuleSetVersion();
        String yaml = demoCategoriesYaml()
                .replace("lead: ZRZY,", "lead: ZRZJ,")
                .replace("keywords: [邻居, 邻里, 宅基地纠纷, 排水纠纷]", "keywords: []")
                .replace("tier: TOWNSHIP, coHandlers: [NYJ],", "tier: TOWNSHIP, coHandlers: [NYJ, T009],")
                .replace("lead: JWJW,", "lead: ZJJ,")
                + "townships:\n  - { code: \"990101099\", name: 不存在乡, department: T001 }\n";
        HttpResponse<String> refused = post(RULE_SETS, "text/yaml", yaml);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(problemFields(refused)).contains(
                "categories.LAND_REQUISITION.lead",
                "categories.NEIGHBOR_DISPUTE.keywords",
                "categories.RURAL_LAND_CONTRACT.coHandlers[1]",
                "categories.ACCUSATION.lead",
                "townships[0].code",
                "townships");
        assertThat(json(refused).get("detail").asString()).contains("fields are invalid");
        assertThat(json(refused).get("type").asString())
                .isEqualTo("https://petition-bridge.example/problems/invalid-request");
        assertThat(json(refused).get("instance").asString()).isEqualTo(RULE_SETS);
        assertThat(activeRuleSetVersion()).isEqualTo(active);

        HttpResponse<String> badJson = post(RULE_SETS, "application/json", "{\"categories\": {\"X\": ");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(problemFields(badJson)).containsExactly("body");
        HttpResponse<String> duplicate = post(RULE_SETS, "application/yaml",
                "categories:\n  OTHER: {name: 其他, class: CLAIM, tier: COUNTY}\n  OTHER: {name: 其他, class: CLAIM,"
                        + " tier: COUNTY}\n");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate).get("errors").get(0).get("message").asString()).contains("line 3");
        assertThat(post(RULE_SETS, "text/plain", "categories: {}").statusCode()).isEqualTo(415);
        assertThat(activeRuleSetVersion()).isEqualTo(active);
    }
}
