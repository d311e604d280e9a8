package org.petitionbridge.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.petitionbridge.service.county.CountyReference;

/** The routing rules of the demo county, without I/O. */
class RuleEngineTest {

    private final CountyReference county = CountyReference.demo();
    private final RuleEngine engine = new RuleEngine(county);
    private final RuleSet rules = RuleSet.fromCounty(1, county);

    private RoutingDecision decide(String division, String category, String text, String accused) {
        return engine.decide(rules, new PetitionFacts("XF990101-20261126-000001", division, category, text, text,
                accused), Set.of());
    }

    private static List<String> list(String spaceSeparated) {
        return spaceSeparated == null ? List.of() : Arrays.asList(spaceSeparated.trim().split("\\s+"));
    }

    /** Every category of the demo county, for a petition from 东河村 (township government T002). */
    @ParameterizedTest(name = "{0}: tier {1}, lead {2}, co-handlers [{3}]")
    @CsvSource(nullValues = "-", value = {
            "LAND_REQUISITION,    COUNTY,   ZRZY, T002",
            "HOUSING_DEMOLITION,  COUNTY,   ZJJ,  T002",
            "WAGE_ARREARS,        COUNTY,   RSJ,  T002",
            "LABOR_EMPLOYMENT,    COUNTY,   RSJ,  -",
            "SOCIAL_INSURANCE,    COUNTY,   RSJ,  -",
            "MEDICAL_INSURANCE,   COUNTY,   YBJ,  -",
            "SOCIAL_ASSISTANCE,   COUNTY,   MZJ,  T002",
            "DISASTER_RELIEF,     COUNTY,   YJJ,  MZJ T002",
            "RURAL_LAND_CONTRACT, TOWNSHIP, T002, NYJ",
            "VILLAGE_AFFAIRS,     TOWNSHIP, T002, -",
            "NEIGHBOR_DISPUTE,    TOWNSHIP, T002, -",
            "ENVIRONMENT,         COUNTY,   STHJ, T002",
            "EDUCATION,           COUNTY,   JYJ,  -",
            "HEALTH,              COUNTY,   WJJ,  -",
            "MARKET_REGULATION,   COUNTY,   SJJ,  -",
            "PUBLIC_SECURITY,     COUNTY,   GAJ,  -",
            "TRANSPORT,           COUNTY,   JTJ,  -",
            "ACCUSATION,          COUNTY,   JWJW, -",
            "LITIGATION_RELATED,  COUNTY,   ZFW,  -",
            "SUGGESTION,          COUNTY,   XFJ,  -",
            "OTHER,               COUNTY,   -,    -"})
    void everyCategoryOfTheDemoCountyRoutesAsItsRuleSays(String category, String tier, String lead,
            String coHandlers) {
        RoutingDecision d = decide("990101002001", category, "（内容）", null);
        assertThat(d.category()).isEqualTo(category);
        assertThat(d.tier()).isEqualTo(tier);
        assertThat(d.ruleSetVersion()).isEqualTo(1);
        assertThat(d.explanation()).startsWith("依据规则集 v1：");
        if (lead == null) {
            assertThat(d.triage()).isTrue();
            assertThat(d.lead()).isNull();
            assertThat(d.explanation()).contains("没有主管部门", "人工分办");
        } else {
            assertThat(d.triage()).isFalse();
            assertThat(d.lead()).isEqualTo(lead);
            assertThat(d.coHandlers()).containsExactlyElementsOf(list(coHandlers));
            assertThat(d.explanation()).contains(county.department(lead).orElseThrow().name() + "主办");
            assertThat(d.matchedRules()).contains("category:" + category, "tier:" + tier);
        }
    }

    /** With no category given, the keywords of the subject and content suggest one for every category. */
    @ParameterizedTest(name = "{0} from \"{1}\"")
    @CsvSource({
            "LAND_REQUISITION,    村里征地的土地补偿一直没发,       征地 土地补偿",
            "HOUSING_DEMOLITION,  老房子被强拆，安置房也没有,       强拆 安置房",
            "WAGE_ARREARS,        包工头拖欠工资不给,               拖欠工资 包工头",
            "LABOR_EMPLOYMENT,    公司无故辞退，不签劳动合同,       劳动合同 辞退",
            "SOCIAL_INSURANCE,    养老金停发，社保断缴,             养老金 社保",
            "MEDICAL_INSURANCE,   医保报销比例太低,                 医保 报销",
            "SOCIAL_ASSISTANCE,   家里困难申请低保，临时救助也没批, 低保 临时救助",
            "DISASTER_RELIEF,     洪水过后房屋受灾，救灾物资没发,   受灾 洪水 救灾",
            "RURAL_LAND_CONTRACT, 承包地被收回，土地流转费没给,     承包地 土地流转",
            "VILLAGE_AFFAIRS,     村委会不搞村务公开,               村务公开 村委会",
            "NEIGHBOR_DISPUTE,    和邻居的宅基地纠纷,               邻居 宅基地纠纷",
            "ENVIRONMENT,         工厂排污，夜里噪音很大,           排污 噪音",
            "EDUCATION,           孩子入学被学校拒绝,               学校 入学",
            "HEALTH,              在卫生院看病，医生误诊,           医生 卫生院",
            "MARKET_REGULATION,   超市卖过期食品，消费者投诉无门,   消费者 过期食品",
            "PUBLIC_SECURITY,     村口有人聚众赌博还打架,           打架 赌博",
            "TRANSPORT,           公路坑洼，班车停运,               公路 班车",
            "ACCUSATION,          村干部贪污扶贫款还受贿,           贪污 受贿",
            "LITIGATION_RELATED,  法院判决后一直不强制执行,         判决 法院 强制执行",
            "SUGGESTION,          建议在村口修个公厕,               建议"})
    void theKeywordsSuggestEveryCategory(String expected, String text, String keywords) {
        RoutingDecision d = decide("990101002001", null, text, null);
        assertThat(d.suggestedCategory()).isEqualTo(expected);
        assertThat(d.category()).isEqualTo(expected);
        assertThat(d.matchedKeywords()).containsExactlyInAnyOrderElementsOf(list(keywords));
        assertThat(d.triage()).isFalse();
        assertThat(d.explanation()).contains("未填写类别，依据关键词", "建议类别\"" + rules.categories().get(expected).name()
                + "\"");
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
        // A township's own code (9 digits) works as well as one of its villages.
        assertThat(decide("990101003", "RURAL_LAND_CONTRACT", "承包地", null).lead()).isEqualTo("T003");
    }

    @Test
    void aCategoryIsSuggestedFromTheKeywordsWhenNoneIsGiven() {
        RoutingDecision d = decide("990101001001", null, "包工头拖欠工资，讨薪无门", null);
        assertThat(d.suggestedCategory()).isEqualTo("WAGE_ARREARS");
        assertThat(d.matchedKeywords()).containsExactlyInAnyOrder("拖欠工资", "讨薪", "包工头");
        assertThat(d.lead()).isEqualTo("RSJ");
        assertThat(d.coHandlers()).containsExactly("T001");
        assertThat(d.explanation()).contains("建议类别\"拖欠工资\"");
    }

    @Test
    void theCategoryWithTheMostKeywordHitsWins() {
        // 征地 (LAND_REQUISITION) once; 强拆 and 安置房 (HOUSING_DEMOLITION) twice.
        RoutingDecision d = decide("990101001001", null, "征地后强拆，安置房没着落", null);
        assertThat(d.suggestedCategory()).isEqualTo("HOUSING_DEMOLITION");
        assertThat(d.matchedKeywords()).containsExactlyInAnyOrder("强拆", "安置房");
        assertThat(d.lead()).isEqualTo("ZJJ");
    }

    @Test
    void tiedAndUnmatchedSuggestionsGoToTriage() {
        RoutingDecision tie = decide("990101001001", null, "征地以后又要强拆", null);
        assertThat(tie.triage()).isTrue();
        assertThat(tie.candidates()).containsExactlyInAnyOrder("LAND_REQUISITION", "HOUSING_DEMOLITION");
        assertThat(tie.matchedKeywords()).containsExactlyInAnyOrder("征地", "强拆");
        assertThat(tie.explanation()).contains("关键词同等命中\"征地补偿\"、\"房屋征收拆迁\"", "人工分办");
        // One keyword contains another: 失业保险 (SOCIAL_INSURANCE) also hits 失业 (LABOR_EMPLOYMENT).
        RoutingDecision overlap = decide("990101001001", null, "失业保险", null);
        assertThat(overlap.triage()).isTrue();
        assertThat(overlap.candidates()).containsExactlyInAnyOrder("LABOR_EMPLOYMENT", "SOCIAL_INSURANCE");
        RoutingDecision none = decide("990101001001", null, "天气很好", null);
        assertThat(none.triage()).isTrue();
        assertThat(none.candidates()).isEmpty();
        assertThat(none.explanation()).contains("未命中任何类别关键词");
    }

    @Test
    void aCategoryWithoutACompetentDepartmentGoesToTriage() {
        assertThat(decide("990101001001", "OTHER", "其他", null).triage()).isTrue();
        RoutingDecision unknown = decide("990101001001", "NO_SUCH_CATEGORY", "其他", null);
        assertThat(unknown.triage()).isTrue();
        assertThat(unknown.explanation()).contains("不在现行规则集中");
    }

    @Test
    void anAccusationGoesToTheDisciplineBodyAndNeverToTheAccusedUnit() {
        RoutingDecision accusation = decide("990101002001", "ACCUSATION", "受贿", "ZJJ");
        assertThat(accusation.lead()).isEqualTo("JWJW");
        assertThat(accusation.coHandlers()).doesNotContain("ZJJ");
        assertThat(accusation.petitionClass()).isEqualTo("ACCUSATION");
        // An accusation against the discipline body itself cannot be placed by rule.
        RoutingDecision againstJwjw = decide("990101002001", "ACCUSATION", "受贿", "JWJW");
        assertThat(againstJwjw.triage()).isTrue();
        assertThat(againstJwjw.recused()).containsExactly("JWJW");
        assertThat(againstJwjw.explanation()).contains("县纪委监委依法回避", "人工分办");
    }

    @Test
    void theDepartmentComplainedAboutIsNeverAssigned() {
        RoutingDecision recused = decide("990101002001", "HOUSING_DEMOLITION", "强拆", "T002");
        assertThat(recused.lead()).isEqualTo("ZJJ");
        assertThat(recused.coHandlers()).doesNotContain("T002");
        assertThat(recused.recused()).containsExactly("T002");
        assertThat(recused.explanation()).contains("东河镇人民政府依法回避");
        assertThat(recused.matchedRules()).contains("recusal");
        RoutingDecision leadRecused = decide("990101002001", "HOUSING_DEMOLITION", "强拆", "ZJJ");
        assertThat(leadRecused.triage()).isTrue();
        assertThat(leadRecused.lead()).isNull();
        assertThat(leadRecused.recused()).containsExactly("ZJJ");
        RoutingDecision townshipRecused = decide("990101002001", "NEIGHBOR_DISPUTE", "邻居", "T002");
        assertThat(townshipRecused.triage()).isTrue();
        assertThat(townshipRecused.recused()).containsExactly("T002");
    }

    @Test
    void anAccusationAgainstAVillageCadreRecusesTheTownshipOfTheVillage() {
        // the complaint names the village 石门村 (西山乡, T003); the shared policy bars T003 (VisibilityPolicy.barredBy)
        PetitionFacts accusation = new PetitionFacts("XF990101-20261126-000003", "990101003002", "ACCUSATION",
                "村主任截留补偿款", "村主任截留补偿款", null, java.util.Set.of("T003"));
        RoutingDecision toDiscipline = engine.decide(rules, accusation, java.util.Set.of());
        assertThat(toDiscipline.lead()).isEqualTo("JWJW");
        assertThat(toDiscipline.coHandlers()).doesNotContain("T003");
        // a village matter whose township would lead: the township is recused, so the bureau places it by hand
        PetitionFacts villageAffairs = new PetitionFacts("XF990101-20261126-000004", "990101003002",
                "VILLAGE_AFFAIRS", "村账不公开", "村账不公开", null, java.util.Set.of("T003"));
        RoutingDecision recused = engine.decide(rules, villageAffairs, java.util.Set.of());
        assertThat(recused.triage()).isTrue();
        assertThat(recused.recused()).containsExactly("T003");
        assertThat(recused.explanation()).contains("西山乡人民政府依法回避", "人工分办");
    }

    @Test
    void departmentsWhoseObjectionWasAcceptedAreLeftOut() {
        PetitionFacts flood = new PetitionFacts("XF990101-20261126-000002", "990101004002", "DISASTER_RELIEF",
                "洪水", "洪水", null);
        RoutingDecision withoutCivilAffairs = engine.decide(rules, flood, new LinkedHashSet<>(List.of("MZJ")));
        assertThat(withoutCivilAffairs.lead()).isEqualTo("YJJ");
        assertThat(withoutCivilAffairs.coHandlers()).containsExactly("T004");
        assertThat(withoutCivilAffairs.explanation()).contains("县民政局的异议已获信访局同意，不再承办");
        assertThat(withoutCivilAffairs.matchedRules()).contains("objection-accepted");
        RoutingDecision withoutLead = engine.decide(rules, flood, new LinkedHashSet<>(List.of("MZJ", "YJJ")));
        assertThat(withoutLead.triage()).isTrue();
        assertThat(withoutLead.explanation()).contains("县民政局、县应急管理局的异议", "无其他主办单位，需信访局人工分办");
        // An objection of a department the rules do not involve changes nothing.
        assertThat(engine.decide(rules, flood, Set.of("JYJ")).coHandlers()).containsExactly("MZJ", "T004");
    }

    @Test
    void theTownshipOfADivisionComesFromTheRuleSet() {
        Map<String, String> townships = new LinkedHashMap<>(rules.townshipDepartments());
        townships.put("990101002", "T001"); // 东河镇 answered for by 城关镇 (e.g. after a merger)
        RuleSet merged = new RuleSet(2, rules.categories(), townships);
        RoutingDecision d = engine.decide(merged, new PetitionFacts("XF990101-20261126-000003", "990101002003",
                "VILLAGE_AFFAIRS", "村账", "村账", null), Set.of());
        assertThat(d.lead()).isEqualTo("T001");
        assertThat(d.explanation()).startsWith("依据规则集 v2：").contains("城关镇人民政府主办");
    }

    @Test
    void aTownshipTierPetitionOutsideTheCountyGoesToTriage() {
        RoutingDecision d = decide("990102001001", "VILLAGE_AFFAIRS", "村账", null);
        assertThat(d.triage()).isTrue();
        assertThat(d.explanation()).contains("不属于本县任何乡镇", "人工分办");
        assertThat(d.explanation()).doesNotContain("null");
    }
}
