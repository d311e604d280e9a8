package org.petitionbridge.routing.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.petitionbridge.events.Topics;
import org.petitionbridge.routing.RoutingIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Representative petitions of the demo county through the real broker: petition.received.v1 in, the decision on
 * petition.routed.v1 (or petition.triage.v1) out. Every category is covered at the rule level by RuleEngineTest.
 */
class DemoCountyRoutingTest extends RoutingIntegrationTest {

    /** What a case expects: the lead (null for triage), co-handlers, recused departments, suggested category. */
    record Expected(String lead, List<String> coHandlers, List<String> recused, String suggested,
            List<String> candidates) {
    }

    static Stream<Arguments> petitions() {
        return Stream.of(
                Arguments.of("county tier, the township of the village co-handles", "990101002001",
                        "LAND_REQUISITION", "征地补偿款没发", null,
                        new Expected("ZRZY", List.of("T002"), List.of(), null, List.of())),
                Arguments.of("county tier with a listed co-handler and the township", "990101004002",
                        "DISASTER_RELIEF", "洪水冲垮了房子", null,
                        new Expected("YJJ", List.of("MZJ", "T004"), List.of(), null, List.of())),
                Arguments.of("county tier without township co-handling", "990101005001", "MEDICAL_INSURANCE",
                        "医保报销", null, new Expected("YBJ", List.of(), List.of(), null, List.of())),
                Arguments.of("township tier with a county co-handler", "990101003002", "RURAL_LAND_CONTRACT",
                        "承包地被收回", null, new Expected("T003", List.of("NYJ"), List.of(), null, List.of())),
                Arguments.of("township tier, petition about the township itself", "990101006", "NEIGHBOR_DISPUTE",
                        "邻里纠纷", null, new Expected("T006", List.of(), List.of(), null, List.of())),
                Arguments.of("keyword suggestion", "990101001001", null, "包工头拖欠工资，讨薪无门", null,
                        new Expected("RSJ", List.of("T001"), List.of(), "WAGE_ARREARS", List.of())),
                Arguments.of("accusation goes to the discipline body, never the accused", "990101002003",
                        "ACCUSATION", "镇干部截留补助款", "T002",
                        new Expected("JWJW", List.of(), List.of(), null, List.of())),
                Arguments.of("recusal of a co-handler", "990101002002", "HOUSING_DEMOLITION", "强拆", "T002",
                        new Expected("ZJJ", List.of(), List.of("T002"), null, List.of())),
                Arguments.of("recusal of the lead: triage", "990101002002", "HOUSING_DEMOLITION", "强拆", "ZJJ",
                        new Expected(null, List.of(), List.of(), null, List.of())),
                Arguments.of("tie between two categories: triage", "990101001002", null, "征地以后又要强拆", null,
                        new Expected(null, List.of(), List.of(), null,
                                List.of("LAND_REQUISITION", "HOUSING_DEMOLITION"))),
                Arguments.of("no keyword: triage", "990101001003", null, "有事情反映", null,
                        new Expected(null, List.of(), List.of(), null, List.of())),
                Arguments.of("category without a competent department: triage", "990101001003", "OTHER", "其他事项",
                        null, new Expected(null, List.of(), List.of(), null, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("petitions")
    void aDemoCountyPetitionIsDecidedAsTheRulesSay(String description, String division, String category,
            String text, String complainedAgainst, Expected expected) {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, division, category, text, text, complainedAgainst));
        int version = activeRuleSetVersion();

        if (expected.lead() == null) {
            JsonNode triage = awaitTriage(petitionNo);
            assertThat(triage.get("ruleSetVersion").asInt()).isEqualTo(version);
            assertThat(triage.get("divisionCode").asString()).isEqualTo(division);
            assertThat(triage.get("reason").asString()).startsWith("依据规则集 v" + version + "：").contains("人工分办");
            assertThat(strings(triage.get("candidates"))).containsExactlyInAnyOrderElementsOf(expected.candidates());
        } else {
            JsonNode routed = awaitRouted(petitionNo, "RULE");
            assertThat(routed.get("lead").asString()).isEqualTo(expected.lead());
            assertThat(strings(routed.get("coHandlers"))).containsExactlyElementsOf(expected.coHandlers());
            assertThat(strings(routed.get("recused"))).containsExactlyElementsOf(expected.recused());
            assertThat(routed.get("ruleSetVersion").asInt()).isEqualTo(version);
            assertThat(routed.get("explanation").asString()).startsWith("依据规则集 v" + version + "：");
            if (expected.suggested() != null) {
                assertThat(routed.get("suggestedCategory").asString()).isEqualTo(expected.suggested());
                assertThat(strings(routed.get("matchedKeywords"))).isNotEmpty();
            }
            if (complainedAgainst != null) {
                assertThat(routed.get("lead").asString()).isNotEqualTo(complainedAgainst);
                assertThat(strings(routed.get("coHandlers"))).doesNotContain(complainedAgainst);
            }
        }
        // The decision is stored with its rule-set version, and nothing else was published about the petition.
        assertThat(jdbc.sql("select rule_set_version from routing_decision where petition_no = ?").param(petitionNo)
                .query(Integer.class).single()).isEqualTo(version);
        assertThat(outputsAbout(petitionNo)).hasSize(1).allSatisfy(r -> assertThat(r.topic())
                .isEqualTo(expected.lead() == null ? Topics.TRIAGE : Topics.ROUTED));
    }
}
