package org.petitionbridge.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.petitionbridge.county.CountyReference;

/** The routing rules of the demo county, without I/O. */
class RuleEngineTest {

    private final CountyReference county = CountyReference.demo();
    private final RuleEngine engine = new RuleEngine(county);
    private final RuleSet rules = RuleSet.fromCounty(1, county);

    private RoutingDecision decide(String division, String category, String text, String accused) {
        return engine.decide(rules, new PetitionFacts("XF990101-20261126-000001", division, category, text, text,
                accused), Set.of());
    }

    @Test
    void aCountyTierCategoryIsLedByItsCompetentDepartmentWithTheTownshipCoHandling() {
        RoutingDecision d = decide("990101002001", "WAGE_ARREARS", "欠薪", null);
        assertThat(d.triage()).isFalse();
        assertThat(d.lead()).isEqualTo("RSJ");
        assertThat(d.coHandlers()).containsExactly("T002");
        assertThat(d.tier()).isEqualTo("COUNTY");
        assertThat(d.explanation()).isEqualTo(
                "依据规则集 v1：类别\"拖欠工资\"由县人力资源和社会保障局主办（谁主管、谁负责）；属地东河镇人民政府协办（属地管理）");
    }

    @Test
    void aTownshipTierCategoryIsLedByTheTownshipOfTheDivision() {
        RoutingDecision d = decide("990101003002", "RURAL_LAND_CONTRACT", "承包地", null);
        assertThat(d.lead()).isEqualTo("T003");
        assertThat(d.coHandlers()).containsExactly("NYJ");
        assertThat(d.tier()).isEqualTo("TOWNSHIP");
        assertThat(d.explanation()).contains("西山乡人民政府主办", "县农业农村局协办");
    }

    @Test
    void aCategoryIsSuggestedFromTheKeywordsWhenNoneIsGiven() {
        RoutingDecision d = decide("990101001001", null, "包工头拖欠工资，讨薪无门", null);
        assertThat(d.suggestedCategory()).isEqualTo("WAGE_ARREARS");
        assertThat(d.matchedKeywords()).containsExactlyInAnyOrder("拖欠工资", "讨薪", "包工头");
        assertThat(d.lead()).isEqualTo("RSJ");
        assertThat(d.explanation()).contains("建议类别\"拖欠工资\"");
    }

    @Test
    void tiedAndUnmatchedSuggestionsGoToTriage() {
        RoutingDecision tie = decide("990101001001", null, "征地以后又要强拆", null);
        assertThat(tie.triage()).isTrue();
        assertThat(tie.candidates()).containsExactlyInAnyOrder("LAND_REQUISITION", "HOUSING_DEMOLITION");
        RoutingDecision none = decide("990101001001", null, "天气很好", null);
        assertThat(none.triage()).isTrue();
        assertThat(none.explanation()).contains("未命中任何类别关键词");
    }

    @Test
    void aCategoryWithoutACompetentDepartmentGoesToTriage() {
        assertThat(decide("990101001001", "OTHER", "其他", null).triage()).isTrue();
    }

    @Test
    void theDepartmentComplainedAboutIsNeverAssigned() {
        RoutingDecision accusation = decide("990101002001", "ACCUSATION", "受贿", "ZJJ");
        assertThat(accusation.lead()).isEqualTo("JWJW");
        RoutingDecision recused = decide("990101002001", "HOUSING_DEMOLITION", "强拆", "T002");
        assertThat(recused.lead()).isEqualTo("ZJJ");
        assertThat(recused.coHandlers()).doesNotContain("T002");
        assertThat(recused.recused()).containsExactly("T002");
        assertThat(recused.explanation()).contains("东河镇人民政府依法回避");
        RoutingDecision leadRecused = decide("990101002001", "HOUSING_DEMOLITION", "强拆", "ZJJ");
        assertThat(leadRecused.triage()).isTrue();
        assertThat(leadRecused.lead()).isNull();
    }
}
