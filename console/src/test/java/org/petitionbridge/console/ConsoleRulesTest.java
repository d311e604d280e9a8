package org.petitionbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.service.county.CountyReference;

/** The console's own few rules, without Spring: the 台账's colours, names beside codes, a service's refusal. */
class ConsoleRulesTest {

    private final Labels labels = new Labels(CountyReference.demo());

    @Test
    void aRowIsRedWhenOverdueAmberWhenDueWithinThreeDaysAndPlainOtherwise() {
        LocalDate today = LocalDate.now(Labels.BUREAU_ZONE);
        assertThat(labels.urgency(today.minusDays(1).toString())).isEqualTo("overdue");
        assertThat(labels.urgency(today.toString())).isEqualTo("soon");
        assertThat(labels.urgency(today.plusDays(3).toString())).isEqualTo("soon");
        assertThat(labels.urgency(today.plusDays(4).toString())).isEmpty();
        assertThat(labels.urgency(null)).isEmpty();
    }

    @Test
    void codesAreNamedFromTheCountysReferenceData() {
        assertThat(labels.department("RSJ")).isEqualTo("县人力资源和社会保障局");
        assertThat(labels.departments(List.of("RSJ", "T002"))).isEqualTo("县人力资源和社会保障局、东河镇人民政府");
        assertThat(labels.division("990101002001")).isEqualTo("东河镇 东河村");
        assertThat(labels.status("ASSIGNED")).isEqualTo("已交办");
        assertThat(labels.category("WAGE_ARREARS")).isEqualTo("拖欠工资");
        assertThat(labels.department("NOPE")).isEqualTo("NOPE");
        assertThat(labels.units()).containsKey("RSJ").doesNotContainKeys("XFJ", "ZFB");
    }

    @Test
    void aRefusalKeepsTheServicesWordsAndItsFieldsInOrder() {
        Api.ApiProblem p = Api.ApiProblem.of(400, """
                {"title": "The request has invalid fields", "status": 400, "detail": "2 fields",
                 "errors": [{"field": "petitioners[0].phone", "message": "不是有效的电话号码"},
                            {"field": "subject", "message": "is required"},
                            {"field": "subject", "message": "at most 200 characters"}]}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(p.heading()).isEqualTo("填写有误，未提交");
        assertThat(p.fieldNames()).containsExactly("petitioners[0].phone", "subject");
        assertThat(p.fields().get("subject")).isEqualTo("is required；at most 200 characters");
        Api.ApiProblem rule = Api.ApiProblem.of(409, """
                {"title": "not now", "detail": "签收须在交办（ASSIGNED）之后", "rule": "acknowledge-needs-assignment"}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(rule.heading()).isEqualTo("当前不能办理");
        assertThat(rule.detail()).isEqualTo("签收须在交办（ASSIGNED）之后");
        assertThat(rule.rule()).isEqualTo("acknowledge-needs-assignment");
        assertThat(Api.ApiProblem.of(502, "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8)).fields())
                .isEmpty();
    }

    @Test
    void aCallInATraceNamesTheUrlsPathButNeverItsQuery() throws Exception {
        var request = new org.springframework.http.client.SimpleClientHttpRequestFactory().createRequest(
                java.net.URI.create("http://intake:8081/api/v1/petitions/XF1/petitioners?purpose=%E7%94%B5%E8%AF%9D"),
                org.springframework.http.HttpMethod.GET);
        var context = new org.springframework.http.client.observation.ClientRequestObservationContext(request);
        assertThat(new ClientSpans().getHighCardinalityKeyValues(context).stream()
                .filter(kv -> kv.getKey().equals("http.url")).findFirst().orElseThrow().getValue())
                .isEqualTo("http://intake:8081/api/v1/petitions/XF1/petitioners");
    }

    @Test
    void everyActionHasAChineseFormAndTheLedgersOwnStepsAreNamed() {
        assertThat(ActionForms.of(List.of("ACKNOWLEDGE", "REPLY", "CLOSE")))
                .extracting(ActionForms.Form::label).containsExactly("签收并告知", "出具答复意见", "销号");
        assertThat(ActionForms.of(List.of("REPLY")).get(0).fields()).extracting(ActionForms.Field::name)
                .containsExactly("outcome", "facts", "reasons", "legalBasis");
        assertThat(ActionForms.label("ROUTED")).isEqualTo("交办");
    }
}
