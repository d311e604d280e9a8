package org.petitionbridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * On the whole local stack, with real tokens: who may see a petition follows the ledger's case in every service
 * (intake's identities and record, routing's decisions, the ledger's case, notify's feed), after an accepted
 * objection that ends in triage, after a manual assignment, after a reroute to other departments; a decision the
 * ledger refuses changes nobody's access; an accusation against a village cadre is registered and routed without
 * the village's township.
 */
class AccessFollowsTheLedgerTest {

    static final String PURPOSE = "?purpose=" + URLEncoder.encode("电话告知受理情况", StandardCharsets.UTF_8);

    static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = SharedStack.platform();
    }

    private static String register(String body) throws Exception {
        HttpResponse<String> r = platform.post("hotline", platform.intake + "/api/v1/petitions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Platform.json(r.body()).get("petitionNo").asString();
    }

    private static JsonNode awaitCase(String petitionNo, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> r = platform.get("xfj", platform.ledger + "/api/v1/cases/" + petitionNo);
            return r.statusCode() == 200 ? Platform.json(r.body()) : null;
        }, c -> c != null && status.equals(c.get("status").asString()));
    }

    private static HttpResponse<String> act(String client, String petitionNo, String body) throws Exception {
        return platform.post(client, platform.ledger + "/api/v1/cases/" + petitionNo + "/actions", body);
    }

    /** What each service answers the department about the petition. */
    private static Map<String, Integer> answers(String client, String petitionNo) throws Exception {
        Map<String, Integer> answers = new LinkedHashMap<>();
        answers.put("intake record", platform.get(client, platform.intake + "/api/v1/petitions/" + petitionNo)
                .statusCode());
        answers.put("intake petitioners", platform.get(client, platform.intake + "/api/v1/petitions/" + petitionNo
                + "/petitioners" + PURPOSE).statusCode());
        answers.put("routing decisions", platform.get(client, platform.routing + "/api/v1/routing/decisions/"
                + petitionNo).statusCode());
        answers.put("ledger case", platform.get(client, platform.ledger + "/api/v1/cases/" + petitionNo)
                .statusCode());
        return answers;
    }

    /** Every service answers the department alike about the petition, within the time the events take. */
    private static void everywhere(String client, String petitionNo, int status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(answers(client, petitionNo)).as(client)
                        .allSatisfy((what, answer) -> assertThat(answer).as(client + ": " + what).isEqualTo(status)));
    }

    @Test
    void aDepartmentLosesAccessWhenItsObjectionIsAcceptedAndTheNextHandlerGainsIt() throws Exception {
        // LABOR_EMPLOYMENT: RSJ alone leads (no township co-handles)
        String petitionNo = register("""
                {"channel": "VISIT", "divisionCode": "990101001002", "category": "LABOR_EMPLOYMENT",
                 "subject": "被单位无故辞退", "content": "在城西社区一家企业工作五年，被无故辞退，没有补偿。",
                 "petitioners": [{"name": "测试甲", "phone": "13600001111"}]}""");
        assertThat(awaitCase(petitionNo, "ASSIGNED").get("lead").asString()).isEqualTo("RSJ");
        everywhere("rsj", petitionNo, 200);

        assertThat(act("rsj", petitionNo, "{\"type\": \"OBJECT\", \"reasons\": \"属企业内部劳动争议，应先行劳动仲裁\"}")
                .statusCode()).isEqualTo(200);
        assertThat(act("xfj", petitionNo, "{\"type\": \"OBJECTION_DECISION\", \"decision\": \"ACCEPT\"}")
                .statusCode()).isEqualTo(200);
        // Routing finds nobody else; the ledger puts the case into triage; RSJ reads nothing any more, anywhere.
        awaitCase(petitionNo, "TRIAGE");
        everywhere("rsj", petitionNo, 404);
        await().atMost(Duration.ofSeconds(30)).until(() -> platform.get("xfj", platform.routing
                + "/api/v1/routing/triage?limit=500").body().contains(petitionNo));

        // The bureau assigns it by hand; the new lead gains access with the ledger's case, RSJ stays out.
        HttpResponse<String> assigned = platform.post("xfj", platform.routing + "/api/v1/routing/assignments", """
                {"petitionNo": "%s", "lead": "ZFW", "reason": "涉及劳动争议，引导依法仲裁"}""".formatted(petitionNo));
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);
        String decisionId = Platform.json(assigned.body()).get("decisionId").asString();
        assertThat(awaitCase(petitionNo, "ASSIGNED").get("lead").asString()).isEqualTo("ZFW");
        everywhere("zfw", petitionNo, 200);
        everywhere("rsj", petitionNo, 404);
        await().atMost(Duration.ofSeconds(30)).until(() -> platform.get("xfj", platform.routing
                + "/api/v1/routing/decisions/" + petitionNo).body().contains("\"outcome\":\"APPLIED\""));
        assertThat(platform.get("xfj", platform.routing + "/api/v1/routing/decisions/" + petitionNo).body())
                .contains(decisionId);

        // ZFW signs for it: the bureau can no longer move it by hand, is told why, and nobody's access changes.
        assertThat(act("zfw", petitionNo, "{\"type\": \"ACKNOWLEDGE\", \"responsiblePerson\": \"赵科长\","
                + " \"notifiedBy\": \"PHONE\"}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> refused = platform.post("xfj", platform.routing + "/api/v1/routing/assignments",
                    "{\"petitionNo\": \"%s\", \"lead\": \"MZJ\", \"reason\": \"改派\"}".formatted(petitionNo));
            return refused.statusCode() == 409 && refused.body().contains("case-not-assignable")
                    && refused.body().contains("签收受理");
        });
        everywhere("mzj", petitionNo, 404);
        everywhere("zfw", petitionNo, 200);
    }

    @Test
    void aRerouteTakesTheObjectingCoHandlerOffAndKeepsTheOthers() throws Exception {
        // DISASTER_RELIEF in 茶园村: YJJ leads, MZJ and the township T004 co-handle
        String petitionNo = register("""
                {"channel": "LETTER", "divisionCode": "990101004002", "category": "DISASTER_RELIEF",
                 "subject": "洪水冲毁房屋未获救助", "content": "今年洪水冲毁了我家房屋，至今没有得到救助。",
                 "petitioners": [{"name": "测试乙", "phone": "13600002222"}]}""");
        JsonNode assigned = awaitCase(petitionNo, "ASSIGNED");
        assertThat(assigned.get("lead").asString()).isEqualTo("YJJ");
        everywhere("mzj", petitionNo, 200);

        assertThat(act("mzj", petitionNo, "{\"type\": \"OBJECT\", \"reasons\": \"房屋重建不属民政救助范围\"}")
                .statusCode()).isEqualTo(200);
        assertThat(act("xfj", petitionNo, "{\"type\": \"OBJECTION_DECISION\", \"decision\": \"ACCEPT\"}")
                .statusCode()).isEqualTo(200);
        JsonNode rerouted = await().atMost(Duration.ofSeconds(30)).until(() -> awaitCase(petitionNo, "ASSIGNED"),
                c -> !Platform.json(c.toString()).get("coHandlers").toString().contains("MZJ"));
        assertThat(rerouted.get("lead").asString()).isEqualTo("YJJ");
        assertThat(rerouted.get("coHandlers").toString()).contains("T004");
        everywhere("mzj", petitionNo, 404);
        everywhere("yjj", petitionNo, 200);
        everywhere("t004", petitionNo, 200);
    }

    @Test
    void anAccusationAgainstAVillageCadreIsRoutedWithoutTheVillagesTownship() throws Exception {
        String petitionNo = register("""
                {"channel": "LETTER", "divisionCode": "990101003002", "category": "ACCUSATION",
                 "subject": "检举村主任截留征地补偿款", "content": "石门村村主任截留村民的征地补偿款。",
                 "petitioners": [{"name": "测试丙", "phone": "13600003333"}],
                 "complainedAgainst": {"person": "石门村村主任", "village": "990101003002"}}""");
        JsonNode kase = awaitCase(petitionNo, "ASSIGNED");
        assertThat(kase.get("lead").asString()).isEqualTo("JWJW");
        assertThat(kase.get("coHandlers").toString()).doesNotContain("T003");
        everywhere("jwjw", petitionNo, 200);
        everywhere("t003", petitionNo, 404);
        assertThat(platform.get("t003", platform.ledger + "/api/v1/cases").body()).doesNotContain(petitionNo);
        assertThat(platform.get("t003", platform.notify + "/api/v1/feed").body()).doesNotContain(petitionNo);
        // an accusation naming only a person is refused, saying which field to fill
        HttpResponse<String> nameless = platform.post("hotline", platform.intake + "/api/v1/petitions", """
                {"channel": "LETTER", "divisionCode": "990101003002", "category": "ACCUSATION",
                 "subject": "检举", "content": "检举某人。", "petitioners": [],
                 "complainedAgainst": {"person": "某人"}}""");
        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(Platform.json(nameless.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("complainedAgainst");
    }

    @Test
    void aComplaintAboutTheBureauIsRunByTheSupervisor() throws Exception {
        // no rule can place it (two categories tie): it waits for the supervisor, never for the bureau
        String petitionNo = register("""
                {"channel": "LETTER", "divisionCode": "990101002001",
                 "subject": "反映信访局推诿不办", "content": "征地以后又要强拆，信访局一直推诿不办。",
                 "petitioners": [{"name": "测试丁", "phone": "13600004444"}],
                 "complainedAgainst": {"department": "XFJ", "person": "某科长"}}""");
        await().atMost(Duration.ofSeconds(30)).until(() -> platform.get("zfb", platform.routing
                + "/api/v1/routing/triage?limit=500").body().contains(petitionNo));
        assertThat(platform.get("xfj", platform.routing + "/api/v1/routing/triage?limit=500").body())
                .doesNotContain(petitionNo);
        HttpResponse<String> assigned = platform.post("zfb", platform.routing + "/api/v1/routing/assignments", """
                {"petitionNo": "%s", "lead": "ZJJ", "coHandlers": ["ZRZY"], "reason": "以房屋征收为主"}"""
                .formatted(petitionNo));
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);
        everywhere("zjj", petitionNo, 200);
        everywhere("xfj", petitionNo, 404);
        // the supervisor reads the identities in the bureau's place, and the audit of those reads
        assertThat(platform.get("zfb", platform.intake + "/api/v1/petitions/" + petitionNo + "/petitioners" + PURPOSE)
                .statusCode()).isEqualTo(200);
        assertThat(platform.get("zfb", platform.intake + "/api/v1/audit/identity-reads?petitionNo=" + petitionNo)
                .body()).contains("ZFB", "GRANTED");
        List<Integer> bureau = List.of(
                platform.get("xfj", platform.intake + "/api/v1/audit/identity-reads?petitionNo=" + petitionNo)
                        .statusCode(),
                platform.post("xfj", platform.ledger + "/api/v1/cases/" + petitionNo + "/actions",
                        "{\"type\": \"SUPERVISE\", \"note\": \"请加快\"}").statusCode());
        assertThat(bureau).containsOnly(404);
    }
}
