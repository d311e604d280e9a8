package org.petitionbridge.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.service.problems.FieldProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Rule sets as documents: the demo county's sections are valid, and every kind of mistake is named. */
class RuleSetValidatorTest {

    private final CountyReference county = CountyReference.demo();
    private final RuleSetValidator validator = new RuleSetValidator(county);

    private static Object yaml(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    @Test
    void theCategoriesAndTownshipsSectionsOfDemoCountyYamlAreAValidRuleSet() throws Exception {
        Map<String, Object> document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CountyReference.DEMO_RESOURCE)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            document = new LinkedHashMap<>();
            document.put("categories", root.get("categories"));
            document.put("townships", root.get("townships"));
        }
        RuleSetValidator.Outcome outcome = validator.validate(document, 1);
        assertThat(outcome.problems()).isEmpty();
        RuleSet expected = RuleSet.fromCounty(1, county);
        assertThat(outcome.ruleSet()).isEqualTo(expected);
        assertThat(outcome.ruleSet().categories()).hasSize(21);
    }

    @Test
    void aDocumentWrittenByTheApiReadsBackAsTheSameRules() {
        RuleSet rules = RuleSet.fromCounty(1, county);
        String json = EventCodec.mapper().writeValueAsString(RuleSetDocument.of(rules, county));
        RuleSetValidator.Outcome outcome = validator.validate(EventCodec.mapper().readValue(json, Object.class), 1);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.ruleSet()).isEqualTo(rules);
    }

    @Test
    void withoutATownshipsSectionTheCountysTownshipsApply() {
        RuleSetValidator.Outcome outcome = validator.validate(yaml("""
                categories:
                  OTHER: { name: 其他, class: CLAIM, tier: COUNTY, keywords: [] }
                """), 7);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.ruleSet().version()).isEqualTo(7);
        assertThat(outcome.ruleSet().townshipDepartments()).containsEntry("990101002", "T002").hasSize(6);
    }

    @Test
    void everyProblemIsNamedByItsPath() {
        Object document = yaml("""
                note: 测试
                colour: blue
                categories:
                  WAGE_ARREARS:   { name: 拖欠工资, class: CLAIM, tier: COUNTY, lead: NOPE, coHandleByTownship: yes,
                                    keywords: [欠薪, 欠薪] }
                  VILLAGE_AFFAIRS: { name: 村务管理, class: CLAIM, tier: TOWNSHIP, lead: MZJ, coHandleByTownship: true,
                                    keywords: [村委会] }
                  EDUCATION:      { name: "", class: OPINION, tier: CITY, keywords: [] }
                  ACCUSATION:     { name: 检举控告, class: ACCUSATION, tier: COUNTY, lead: ZJJ, keywords: [贪污] }
                  TRANSPORT:      { name: 交通运输, class: CLAIM, tier: COUNTY, coHandlers: [JTJ, T003, XX],
                                    keywords: [公路, 7], priority: 1 }
                  lower_case:     { name: 小写, class: CLAIM, tier: COUNTY, lead: JYJ, keywords: [x] }
                  OTHER:          { name: 其他, class: CLAIM, tier: COUNTY, keywords: [] }
                townships:
                  - { code: "990101001", name: 城关镇, department: T001 }
                  - { code: "990101001", name: 城关镇, department: T002 }
                  - { code: "990101002001", name: 东河村, department: T003 }
                  - { code: "990101004", name: 南岭镇, department: RSJ }
                """);
        RuleSetValidator.Outcome outcome = validator.validate(document, 2);
        assertThat(outcome.valid()).isFalse();
        assertThat(outcome.ruleSet()).isNull();
        assertThat(outcome.problems()).extracting(FieldProblem::field).contains(
                "colour",
                "categories.WAGE_ARREARS.lead",
                "categories.WAGE_ARREARS.keywords[1]",
                "categories.VILLAGE_AFFAIRS.lead",
                "categories.VILLAGE_AFFAIRS.coHandleByTownship",
                "categories.EDUCATION.name",
                "categories.EDUCATION.class",
                "categories.EDUCATION.tier",
                "categories.EDUCATION.keywords",
                "categories.ACCUSATION.lead",
                "categories.TRANSPORT.priority",
                "categories.TRANSPORT.lead",
                "categories.TRANSPORT.coHandlers[1]",
                "categories.TRANSPORT.coHandlers[2]",
                "categories.TRANSPORT.keywords[1]",
                "categories.lower_case",
                "townships[1].code",
                "townships[2].code",
                "townships[3].department",
                "townships");
        assertThat(outcome.problems()).extracting(FieldProblem::field).doesNotContain(
                "note", "categories.OTHER.keywords", "categories.WAGE_ARREARS.coHandleByTownship");
        assertThat(message(outcome, "categories.WAGE_ARREARS.lead")).isEqualTo("is not a department of the county");
        assertThat(message(outcome, "categories.EDUCATION.keywords")).contains("only OTHER may have none");
        assertThat(message(outcome, "categories.TRANSPORT.coHandlers[1]")).contains("township government");
        assertThat(message(outcome, "categories.ACCUSATION.lead")).contains("discipline body");
        assertThat(message(outcome, "townships[2].code")).contains("is a village");
        assertThat(message(outcome, "townships")).contains("990101003", "990101005", "990101006");
    }

    @Test
    void aRuleSetMustHaveCategories() {
        assertThat(validator.validate(yaml("note: 只有说明"), 2).problems()).extracting(FieldProblem::field)
                .containsExactly("categories");
        assertThat(validator.validate(yaml("categories: {}"), 2).problems()).extracting(FieldProblem::field)
                .containsExactly("categories");
        assertThat(validator.validate(List.of("categories"), 2).problems()).extracting(FieldProblem::field)
                .containsExactly("body");
    }

    private static String message(RuleSetValidator.Outcome outcome, String field) {
        return outcome.problems().stream().filter(p -> p.field().equals(field)).findFirst().orElseThrow().message();
    }
}
