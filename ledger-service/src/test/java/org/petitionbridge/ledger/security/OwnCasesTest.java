package org.petitionbridge.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.ledger.cases.CaseLifecycleTest;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * Object-level authorization: a department sees and works only its own cases (lead or co-handler, and not a
 * complaint about itself), whatever it asks for; another department's case answers exactly like a number that
 * does not exist.
 */
class OwnCasesTest extends LedgerIntegrationTest {

    private static final String UNKNOWN = "XF990101-19990101-000007";

    // Made once for the class (the tests only read them, and act on copies they make themselves).
    private static String rsjLeads;
    private static String rsjCoHandles;
    private static String ybjOnly;
    private static String aboutRsj;

    @BeforeEach
    void cases() throws Exception {
        if (rsjLeads != null) {
            return;
        }
        rsjLeads = assignedCase("RSJ", List.of("T002"), null);
        rsjCoHandles = assignedCase("YBJ", List.of("RSJ"), null);
        ybjOnly = assignedCase("YBJ", List.of("T002"), null);
        // A complaint about RSJ, with a decision that (against routing's recusal) names RSJ as a co-handler: the ledger
        // does not apply it, and the case is still not RSJ's to see.
        aboutRsj = newPetitionNo();
        Instant now = clock.instant();
        PetitionReceived r = received(aboutRsj, now, null, null);
        publish(new PetitionReceived(r.petitionNo(), r.channel(), r.receivedAt(), r.registeredAt(), r.divisionCode(),
                r.category(), r.petitionClass(), r.subject(), r.content(), r.groupSize(), r.group(), r.petitioners(),
                null, new PetitionReceived.ComplainedAgainst("RSJ", null), null), now);
        publish(routed(aboutRsj, "RULE", "ZJJ", List.of("RSJ"), now.plusMillis(1)), now.plusMillis(1));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from case_history where petition_no = ? and action = 'ROUTING_NOT_APPLIED'")
                .param(aboutRsj).query(Integer.class).single() == 1);
        assertThat(json(get("/api/v1/cases/" + aboutRsj + "/history").body()).get(1).get("detail").asString())
                .contains("被投诉单位 RSJ", "回避");
    }

    private static List<JsonNode> items(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        json(response.body()).get("items").forEach(items::add);
        return items;
    }

    private static List<String> numbers(List<JsonNode> items) {
        return items.stream().map(i -> i.get("petitionNo").asString()).toList();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
    }

    private static boolean ownedByRsj(JsonNode item) {
        List<String> coHandlers = new ArrayList<>();
        item.get("coHandlers").forEach(c -> coHandlers.add(c.asString()));
        return ("RSJ".equals(text(item.get("lead"))) || coHandlers.contains("RSJ"))
                && !"RSJ".equals(text(item.get("complainedAgainstDepartment")));
    }

    @Test
    void aDepartmentListsOnlyItsOwnCasesWhateverItFiltersBy() throws Exception {
        List<JsonNode> own = items(getAs("RSJ", "/api/v1/cases?size=1000"));
        assertThat(numbers(own)).contains(rsjLeads, rsjCoHandles).doesNotContain(ybjOnly, aboutRsj);
        assertThat(own).allSatisfy(i -> assertThat(ownedByRsj(i)).as(i.toString()).isTrue());

        // Naming another department narrows within its own cases; it never opens YBJ's.
        List<JsonNode> asYbj = items(getAs("RSJ", "/api/v1/cases?department=YBJ&size=1000"));
        assertThat(numbers(asYbj)).contains(rsjCoHandles).doesNotContain(ybjOnly, rsjLeads, aboutRsj);
        assertThat(asYbj).allSatisfy(i -> assertThat(ownedByRsj(i)).as(i.toString()).isTrue());
        assertThat(json(getAs("RSJ", "/api/v1/cases?department=YBJ&size=1000").body()).get("total").asLong())
                .isEqualTo(asYbj.size());

        // The bureau sees the whole ledger, filtered as asked.
        assertThat(numbers(items(get("/api/v1/cases?department=YBJ&size=1000")))).contains(rsjCoHandles, ybjOnly);
        assertThat(numbers(items(getAs("ZFB", "/api/v1/cases?size=1000"))))
                .contains(rsjLeads, rsjCoHandles, ybjOnly, aboutRsj);
    }

    @Test
    void theCsvExportHoldsOnlyTheDepartmentsOwnCases() throws Exception {
        HttpResponse<String> csv = getAs("RSJ", "/api/v1/cases?size=1000", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).contains("\"" + rsjLeads + "\"", "\"" + rsjCoHandles + "\"")
                .doesNotContain(ybjOnly, aboutRsj);

        HttpResponse<String> filtered = getAs("RSJ", "/api/v1/cases?department=YBJ&size=1000", "text/csv");
        assertThat(filtered.statusCode()).isEqualTo(200);
        assertThat(filtered.body()).contains("\"" + rsjCoHandles + "\"").doesNotContain(ybjOnly, rsjLeads, aboutRsj);
    }

    @Test
    void anotherDepartmentsCaseAnswersExactlyLikeANumberThatDoesNotExist() throws Exception {
        String acknowledge = CaseLifecycleTest.ACKNOWLEDGE;
        for (String path : List.of("/api/v1/cases/%s", "/api/v1/cases/%s/history",
                "/api/v1/cases/%s?asOf=" + clock.instant())) {
            notFoundLikeUnknown(getAs("YBJ", path.formatted(rsjLeads)), getAs("YBJ", path.formatted(UNKNOWN)),
                    rsjLeads);
        }
        notFoundLikeUnknown(act(rsjLeads, "YBJ", acknowledge), act(UNKNOWN, "YBJ", acknowledge), rsjLeads);
        // Even a body the rules would refuse: the case's existence decides first, so a 400 gives nothing away.
        notFoundLikeUnknown(act(rsjLeads, "YBJ", "{}"), act(UNKNOWN, "YBJ", "{}"), rsjLeads);
        // The complaint about RSJ is not RSJ's, though it is named a co-handler.
        notFoundLikeUnknown(getAs("RSJ", "/api/v1/cases/" + aboutRsj), getAs("RSJ", "/api/v1/cases/" + UNKNOWN),
                aboutRsj);
        notFoundLikeUnknown(act(aboutRsj, "RSJ", "{\"type\": \"CO_OPINION\", \"opinion\": \"x\"}"),
                act(UNKNOWN, "RSJ", "{\"type\": \"CO_OPINION\", \"opinion\": \"x\"}"), aboutRsj);

        // Nothing happened to the cases; their own departments still see and work them.
        assertThat(json(getAs("RSJ", "/api/v1/cases/" + rsjLeads).body()).get("status").asString())
                .isEqualTo("ASSIGNED");
        assertThat(getAs("RSJ", "/api/v1/cases/" + rsjLeads + "/history").statusCode()).isEqualTo(200);
        assertThat(getAs("T002", "/api/v1/cases/" + rsjLeads).statusCode()).isEqualTo(200);
        assertThat(getAs("RSJ", "/api/v1/cases/" + rsjCoHandles).statusCode()).isEqualTo(200);
        String mine = assignedCase("RSJ", List.of(), null);
        assertThat(act(mine, "YBJ", acknowledge).statusCode()).isEqualTo(404);
        assertThat(act(mine, "RSJ", acknowledge).statusCode()).isEqualTo(200);
        assertThat(json(get("/api/v1/cases/" + aboutRsj + "/history").body()))
                .noneSatisfy(h -> assertThat(h.get("action").asString()).isEqualTo("CO_OPINION"));
    }

    @Test
    void aDepartmentTokenWithoutADepartmentSeesNoCase() throws Exception {
        // Roles and department disagree: the token itself is refused.
        String token = "Bearer " + TestTokens.get().client("misconfigured", Role.DEPARTMENT);
        HttpResponse<String> list = request("/api/v1/cases", null, token);
        assertThat(list.statusCode()).isEqualTo(401);
        assertThat(list.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(request("/api/v1/cases/" + rsjLeads, null, token).statusCode()).isEqualTo(401);
    }

    private static void notFoundLikeUnknown(HttpResponse<String> refused, HttpResponse<String> unknown,
            String petitionNo) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type"))
                .isEqualTo(unknown.headers().firstValue("Content-Type"));
        assertThat(json(refused.body().replace(petitionNo, UNKNOWN))).isEqualTo(json(unknown.body()));
    }
}
