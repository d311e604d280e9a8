package org.petitionbridge.risk.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.risk.RiskIntegrationTest;
import org.petitionbridge.testsupport.TestHttp;
import org.petitionbridge.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * Screening rounds against a real database: every kind of report (issues, zero, a village left out, amended,
 * late), coverage, the defaults and rules of an issue, and the 矛盾纠纷 ledger with every action and refusal.
 */
class ScreeningTest extends RiskIntegrationTest {

    private static final String DUE_IN_A_WEEK = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7).toString();

    private String round(String units) {
        HttpResponse<String> r = post("XFJ", "/api/v1/screening/rounds", """
                {"name": "2026年12月矛盾纠纷排查", "kind": "ROUTINE", "reason": "月度排查", "dueBy": "%s"%s}"""
                .formatted(DUE_IN_A_WEEK, units == null ? "" : ", \"units\": " + units));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("id").asString();
    }

    private HttpResponse<String> report(String unit, String round, String body) {
        return post(unit, "/api/v1/screening/rounds/" + round + "/reports", body);
    }

    private static String item(String division, String category, String level, String extra) {
        return """
                {"divisionCode": "%s", "category": "%s", "summary": "两户村民因宅基地边界发生争执", "peopleInvolved": 6,
                 "riskLevel": "%s", "resolveBy": "%s"%s}""".formatted(division, category, level,
                LocalDate.now(ZoneOffset.ofHours(8)).plusDays(10), extra == null ? "" : ", " + extra);
    }

    private static List<String> codes(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void theBureauOpensARoundForEveryTownshipAndCountyDepartment() {
        JsonNode round = json(get("XFJ", "/api/v1/screening/rounds/" + round(null)));
        assertThat(codes(round.get("units"))).contains("T001", "T006", "ZRZY", "JTJ", "JWJW", "ZFW")
                .doesNotContain("XFJ", "ZFB").hasSize(21);
        HttpResponse<String> byDepartment = post("ZJJ", "/api/v1/screening/rounds", """
                {"name": "x", "kind": "ROUTINE", "dueBy": "%s"}""".formatted(DUE_IN_A_WEEK));
        assertThat(byDepartment.statusCode()).isEqualTo(403);
        HttpResponse<String> past = post("XFJ", "/api/v1/screening/rounds", """
                {"name": "x", "kind": "SPECIAL", "dueBy": "2020-01-01T00:00:00+08:00", "units": ["XFJ"]}""");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("dueBy", "must be in the future", "units[0]");
    }

    @Test
    void aTownshipAccountsForEveryVillageAndCoverageCountsWhoReported() {
        String round = round("[\"T002\", \"T003\", \"RSJ\", \"ZJJ\"]");
        HttpResponse<String> missing = report("T002", round, """
                {"zeroReport": false, "items": [%s]}""".formatted(item("990101002001", "NEIGHBOR_DISPUTE", "LOW", null)));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("villages", "柳湾村 (990101002002)", "桥头村 (990101002003)");

        HttpResponse<String> township = report("T002", round, """
                {"zeroReport": false, "items": [%s],
                 "villages": [{"code": "990101002002", "zeroReport": true}, {"code": "990101002003", "zeroReport": true}]}"""
                .formatted(item("990101002001", "NEIGHBOR_DISPUTE", "LOW", null)));
        assertThat(township.statusCode()).as(township.body()).isEqualTo(201);
        JsonNode item = json(township).get("items").get(0);
        assertThat(item.get("responsibleDepartment").asString()).isEqualTo("T002"); // a township matter: its township
        assertThat(item.get("status").asString()).isEqualTo("OPEN");
        assertThat(report("RSJ", round, "{\"zeroReport\": true}").statusCode()).isEqualTo(201);
        // RSJ amends its zero report before the round is due
        HttpResponse<String> amended = report("RSJ", round, "{\"zeroReport\": false, \"items\": [%s]}"
                .formatted(item("990101003001", "WAGE_ARREARS", "MEDIUM", null)));
        assertThat(amended.statusCode()).as(amended.body()).isEqualTo(200);
        assertThat(json(amended).get("amendments").asInt()).isEqualTo(1);
        assertThat(json(amended).get("items").get(0).get("responsibleDepartment").asString()).isEqualTo("RSJ");
        assertThat(report("RSJ", round, "{\"zeroReport\": true}").statusCode()).isEqualTo(200);

        JsonNode coverage = json(get("XFJ", "/api/v1/screening/rounds/" + round + "/coverage"));
        assertThat(coverage.get("expected").asInt()).isEqualTo(4);
        assertThat(codes(coverage.get("reported"))).containsExactly("T002");
        assertThat(codes(coverage.get("zeroReported"))).containsExactly("RSJ");
        assertThat(codes(coverage.get("missing"))).containsExactly("T003", "ZJJ");
        assertThat(coverage.get("villagesCovered").asInt()).isEqualTo(3);
        assertThat(coverage.get("villagesTotal").asInt()).isEqualTo(6);
        assertThat(coverage.get("villagesPercent").asDouble()).isEqualTo(50.0);
        assertThat(coverage.get("departmentsReported").asInt()).isEqualTo(1);
        assertThat(coverage.get("departmentsPercent").asDouble()).isEqualTo(50.0);
        // a township's zero report covers all its villages
        assertThat(report("T003", round, "{\"zeroReport\": true}").statusCode()).isEqualTo(201);
        assertThat(json(get("XFJ", "/api/v1/screening/rounds/" + round + "/coverage")).get("villagesCovered").asInt())
                .isEqualTo(6);
        // a unit not in the round does not report in it
        HttpResponse<String> outsider = report("YBJ", round, "{\"zeroReport\": true}");
        assertThat(outsider.statusCode()).isEqualTo(403);
        assertThat(outsider.body()).contains("not-a-reporter");
    }

    @Test
    void anIssueNeedsALeaderWhenHighAndNeverCarriesAnIdNumberOrAMobile() {
        String round = round("[\"ZJJ\"]");
        HttpResponse<String> refused = report("ZJJ", round, """
                {"zeroReport": false, "items": [%s, %s, %s]}""".formatted(
                item("990101002001", "HOUSING_DEMOLITION", "HIGH", null),
                item("990101002001", "HOUSING_DEMOLITION", "LOW", null).replace("两户村民因宅基地边界发生争执",
                        "张三（身份证110105194912310021）不满补偿"),
                item("990101002001", "NO_SUCH", "LOW", "\"measures\": \"联系 +86 138-0013-8000\"")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("items[0].leaderInCharge", "领导包案", "items[1].summary",
                "resident ID number", "items[2].category", "items[2].measures", "mobile number")
                .doesNotContain("110105194912310021", "138-0013-8000").doesNotContain("responsibleDepartment");
        assertThat(report("ZJJ", round, "{\"zeroReport\": false, \"items\": [%s]}".formatted(
                item("990101002001", "HOUSING_DEMOLITION", "HIGH", "\"leaderInCharge\": \"王副县长\""))).statusCode())
                .isEqualTo(201);
    }

    @Test
    void aReportAfterTheRoundIsDueIsLateAndCanNoLongerBeAmended() {
        String round = round("[\"JYJ\", \"WJJ\"]");
        assertThat(report("JYJ", round, "{\"zeroReport\": true}").statusCode()).isEqualTo(201);
        clock.advance(Duration.ofDays(8));
        HttpResponse<String> late = report("WJJ", round, "{\"zeroReport\": true}");
        assertThat(late.statusCode()).isEqualTo(201);
        assertThat(json(late).get("late").asBoolean()).isTrue();
        HttpResponse<String> amendment = report("JYJ", round, "{\"zeroReport\": true}");
        assertThat(amendment.statusCode()).isEqualTo(409);
        assertThat(amendment.body()).contains("round-due");
        assertThat(codes(json(get("XFJ", "/api/v1/screening/rounds/" + round + "/coverage")).get("late")))
                .containsExactly("WJJ");
    }

    @Test
    void theLedgerIsActedOnUntilTheBureauStrikesAnIssueOff() {
        String round = round("[\"ZJJ\"]");
        HttpResponse<String> reported = report("ZJJ", round, "{\"zeroReport\": false, \"items\": [%s]}".formatted(
                item("990101002002", "HOUSING_DEMOLITION", "MEDIUM", "\"responsiblePerson\": \"李科长\"")));
        String id = json(reported).get("items").get(0).get("id").asString();
        String path = "/api/v1/disputes/" + id + "/actions";

        assertThat(get("RSJ", "/api/v1/disputes/" + id).statusCode()).isEqualTo(404);
        assertThat(get("RSJ", "/api/v1/disputes?round=" + round).body()).doesNotContain(id);
        assertThat(get("ZJJ", "/api/v1/disputes?round=" + round).body()).contains(id);
        HttpResponse<String> noNote = post("ZJJ", path, "{\"action\": \"PROGRESS\"}");
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(noNote.body()).contains("note");
        HttpResponse<String> closeEarly = post("XFJ", path, "{\"action\": \"CLOSE\"}");
        assertThat(closeEarly.statusCode()).isEqualTo(409);
        assertThat(closeEarly.body()).contains("dispute-open", "须先化解");
        assertThat(post("ZJJ", path, "{\"action\": \"PROGRESS\", \"note\": \"入户调解两次\"}").statusCode()).isEqualTo(200);
        assertThat(post("ZJJ", path, "{\"action\": \"ESCALATE\", \"note\": \"提请包案领导协调\"}").statusCode())
                .isEqualTo(200);
        assertThat(post("ZJJ", path, "{\"action\": \"STABILIZE\", \"note\": \"双方暂无法达成一致，落实稳控\"}")
                .statusCode()).isEqualTo(200);
        assertThat(post("ZJJ", path, "{\"action\": \"RESOLVE\", \"note\": \"达成调解协议\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> byDepartment = post("ZJJ", path, "{\"action\": \"CLOSE\"}");
        assertThat(byDepartment.statusCode()).isEqualTo(403);
        assertThat(byDepartment.body()).contains("bureau-only");
        assertThat(json(post("XFJ", path, "{\"action\": \"CLOSE\"}")).get("status").asString()).isEqualTo("CLOSED");
        JsonNode reopened = json(post("XFJ", path, "{\"action\": \"REOPEN\", \"note\": \"当事人再次反映\"}"));
        assertThat(reopened.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(reopened.get("history").valueStream().map(h -> h.get("action").asString()))
                .containsExactly("PROGRESS", "ESCALATE", "STABILIZE", "RESOLVE", "CLOSE", "REOPEN");
        // once acted on, the report can no longer be replaced as a whole
        HttpResponse<String> amend = report("ZJJ", round, "{\"zeroReport\": true}");
        assertThat(amend.statusCode()).isEqualTo(409);
        assertThat(amend.body()).contains("report-in-progress");
    }

    @Test
    void theUnitThatReportedAnIssueReadsItButOnlyTheResponsibleDepartmentActsOnIt() {
        String round = round("[\"T001\"]");
        HttpResponse<String> reported = report("T001", round, """
                {"zeroReport": false, "items": [%s],
                 "villages": [{"code": "990101001002", "zeroReport": true}, {"code": "990101001003", "zeroReport": true}]}"""
                .formatted(item("990101001001", "WAGE_ARREARS", "LOW", null)));
        JsonNode issue = json(reported).get("items").get(0);
        assertThat(issue.get("responsibleDepartment").asString()).isEqualTo("RSJ"); // a county matter: its lead
        String id = issue.get("id").asString();
        assertThat(get("T001", "/api/v1/disputes/" + id).statusCode()).isEqualTo(200);
        HttpResponse<String> byReporter = post("T001", "/api/v1/disputes/" + id + "/actions",
                "{\"action\": \"PROGRESS\", \"note\": \"已约谈包工头\"}");
        assertThat(byReporter.statusCode()).isEqualTo(403);
        assertThat(byReporter.body()).contains("responsible-only");
        assertThat(post("RSJ", "/api/v1/disputes/" + id + "/actions",
                "{\"action\": \"PROGRESS\", \"note\": \"已约谈包工头\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void anIssuePastItsDeadlineIsOverdueAndTheLedgerOpensInASpreadsheet() {
        String round = round("[\"STHJ\"]");
        report("STHJ", round, "{\"zeroReport\": false, \"items\": [%s]}".formatted(
                item("990101004001", "ENVIRONMENT", "LOW", null).replace("两户村民因宅基地边界发生争执",
                        "=HYPERLINK(\\\"x\\\") 养殖场异味")));
        assertThat(get("STHJ", "/api/v1/disputes?overdue=true&round=" + round).body()).isEqualTo("[]");
        clock.advance(Duration.ofDays(12));
        List<JsonNode> overdue = json(get("STHJ", "/api/v1/disputes?overdue=true&round=" + round)).valueStream()
                .toList();
        assertThat(overdue).hasSize(1);
        assertThat(overdue.get(0).get("overdue").asBoolean()).isTrue();

        HttpResponse<String> csv = TestHttp.send(port, "GET", "/api/v1/disputes?round=" + round, null, null,
                TestTokens.get().bearer("XFJ"), "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFF编号,排查轮次,报送单位").contains("县生态环境分局", "南岭镇 南岭村", "生态环境",
                "\"'=HYPERLINK(\"\"x\"\") 养殖场异味\"", "\"是\"");
    }

    @Test
    void statisticsEqualACountByHand() {
        String round = round("[\"T005\", \"T006\"]");
        report("T005", round, """
                {"zeroReport": false, "items": [%s, %s], "villages": [{"code": "990101005003", "zeroReport": true}]}"""
                .formatted(item("990101005001", "NEIGHBOR_DISPUTE", "LOW", null),
                        item("990101005002", "NEIGHBOR_DISPUTE", "LOW", null)));
        report("T006", round, "{\"zeroReport\": true}");
        String first = json(get("T005", "/api/v1/disputes?round=" + round)).get(0).get("id").asString();
        post("T005", "/api/v1/disputes/" + first + "/actions", "{\"action\": \"RESOLVE\", \"note\": \"调解成功\"}");

        List<JsonNode> rows = json(get("XFJ",
                "/api/v1/screening/statistics?groupBy=township&round=" + round)).valueStream().toList();
        assertThat(rows).hasSize(2);
        JsonNode t005 = rows.get(0);
        // 青石镇 found nothing: a row of zeros with its three villages' zero reports
        assertThat(rows.get(1).get("name").asString()).isEqualTo("青石镇");
        assertThat(rows.get(1).get("found").asInt()).isZero();
        assertThat(rows.get(1).get("zeroReportUnits").asInt()).isEqualTo(3);
        assertThat(t005.get("key").asString()).isEqualTo("990101005");
        assertThat(t005.get("name").asString()).isEqualTo("北湖乡");
        assertThat(t005.get("found").asInt()).isEqualTo(2);
        assertThat(t005.get("resolved").asInt()).isEqualTo(1);
        assertThat(t005.get("resolvedPercent").asDouble()).isEqualTo(50.0);
        assertThat(t005.get("open").asInt()).isEqualTo(1);
        assertThat(t005.get("zeroReportUnits").asInt()).isEqualTo(1);
        JsonNode byCategory = json(get("XFJ", "/api/v1/screening/statistics?groupBy=category&round=" + round)).get(0);
        assertThat(byCategory.get("name").asString()).isEqualTo("邻里纠纷");
        assertThat(byCategory.get("found").asInt()).isEqualTo(2);
        HttpResponse<String> csv = TestHttp.send(port, "GET", "/api/v1/screening/statistics?groupBy=department&round="
                + round, null, null, "Bearer " + TestTokens.get().analyst(), "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("排查数", "\"T005\",\"北湖乡人民政府\",\"2\",\"1\",\"50.0\"");
        assertThat(get("XFJ", "/api/v1/screening/statistics?groupBy=village").statusCode()).isEqualTo(400);
    }

    @Test
    void anOpenIssueAndThePetitionsThatFollowItAreRelatedBothWays() {
        String round = round("[\"T003\"]");
        String id = json(report("T003", round, """
                {"zeroReport": false, "items": [%s],
                 "villages": [{"code": "990101003002", "zeroReport": true}, {"code": "990101003003", "zeroReport": true}]}"""
                .formatted(item("990101003001", "VILLAGE_AFFAIRS", "MEDIUM", null)))).get("items").get(0).get("id")
                .asString();
        String petition = newPetitionNo();
        publish(petition(petition, "990101003001", "VILLAGE_AFFAIRS", 1, null));
        awaitFact(petition);

        JsonNode dispute = json(get("T003", "/api/v1/disputes/" + id));
        assertThat(dispute.get("relatedPetitions").valueStream().map(p -> p.get("petitionNo").asString()))
                .containsExactly(petition);
        HttpResponse<String> relatedAnswer = get("T003", "/api/v1/petitions/" + petition + "/related");
        assertThat(relatedAnswer.statusCode()).as(relatedAnswer.body()).isEqualTo(200);
        JsonNode related = json(relatedAnswer);
        assertThat(related.get("disputes").valueStream().map(d -> d.get("id").asString())).containsExactly(id);
        assertThat(json(get("XFJ", "/api/v1/petitions/" + petition + "/related")).get("disputes").size()).isEqualTo(1);
        assertThat(get("RSJ", "/api/v1/petitions/" + petition + "/related").statusCode()).isEqualTo(404);
    }

    @Test
    void aHighRiskIssueOfAProjectCountsTowardItsWarning() {
        String village = "990101004002";
        String project = project("ZRZY", "[\"" + village + "\"]", "[\"LAND_REQUISITION\"]", 40);
        String last = null;
        for (int i = 0; i < 2; i++) {
            last = newPetitionNo();
            publish(petition(last, village, "LAND_REQUISITION", 1, null));
            awaitFact(last);
        }
        assertThat(warningsNaming("XFJ", "PROJECT", last)).isEmpty();
        String round = round("[\"ZRZY\"]");
        HttpResponse<String> reported = report("ZRZY", round, "{\"zeroReport\": false, \"items\": [%s]}".formatted(
                item(village, "LAND_REQUISITION", "HIGH", "\"leaderInCharge\": \"王副县长\", \"projectId\": \"" + project
                        + "\"")));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        List<JsonNode> warnings = warningsNaming("ZRZY", "PROJECT", last);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).get("projectId").asString()).isEqualTo(project);
        assertThat(warnings.get(0).get("explanation").asString()).contains("1 件高风险矛盾纠纷");
    }
}
