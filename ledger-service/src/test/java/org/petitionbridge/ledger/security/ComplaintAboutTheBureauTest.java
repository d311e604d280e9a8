package org.petitionbridge.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The body a complaint is about never sees the case, and that holds for the bureau (XFJ) and the supervisor (ZFB)
 * too (信访工作条例 Art 46(5)): the case, its history and its actions answer exactly like an unknown number, and
 * the case is in none of its lists (JSON or CSV), while the other of the two reads it as usual.
 */
class ComplaintAboutTheBureauTest extends LedgerIntegrationTest {

    private static final String UNKNOWN = "XF990101-19990101-000009";
    /** The lead of this class's cases, which no other test uses, so that a filtered list holds only ours. */
    private static final String LEAD = "YJJ";
    private static final String LIST = "/api/v1/cases?size=1000&department=" + LEAD;
    private static final String PROGRESS = "{\"type\": \"PROGRESS\", \"note\": \"已电话联系\"}";

    /** A case complaining about {@code accused} (null: about nobody), assigned to {@link #LEAD}; read as {@code reader}. */
    private String caseAbout(String accused, String reader) {
        String petitionNo = newPetitionNo();
        Instant now = clock.instant();
        PetitionReceived r = received(petitionNo, now, null, null);
        publish(new PetitionReceived(r.petitionNo(), r.channel(), r.receivedAt(), r.registeredAt(), r.divisionCode(),
                r.category(), r.petitionClass(), r.subject(), r.content(), r.groupSize(), r.group(), r.petitioners(),
                null, accused == null ? null : new PetitionReceived.ComplainedAgainst(accused, "某科长"), null), now);
        publish(routed(petitionNo, "RULE", LEAD, List.of("T002"), now.plusMillis(1)), now.plusMillis(1));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            HttpResponse<String> seen = getAs(reader, "/api/v1/cases/" + petitionNo);
            return seen.statusCode() == 200 && "ASSIGNED".equals(json(seen.body()).get("status").asString());
        });
        return petitionNo;
    }

    /** The answer for the case is the very answer for an unknown number, but for the number in it. */
    private static void likeAnUnknownNumber(HttpResponse<String> hidden, HttpResponse<String> unknown,
            String petitionNo, String what) {
        assertThat(unknown.statusCode()).as(what).isEqualTo(404);
        assertThat(hidden.statusCode()).as(what).isEqualTo(404);
        assertThat(hidden.headers().firstValue("Content-Type")).as(what)
                .isEqualTo(unknown.headers().firstValue("Content-Type"));
        assertThat(json(hidden.body())).as(what).isEqualTo(json(unknown.body().replace(UNKNOWN, petitionNo)));
        assertThat(hidden.body()).as(what).doesNotContain("拖欠", "某科长", LEAD);
    }

    /** Every read and the action of the case answer {@code department} exactly like an unknown number. */
    private void hiddenFrom(String department, String petitionNo) throws Exception {
        String asOf = "?asOf=" + clock.instant().plus(Duration.ofDays(1));
        for (String path : List.of("", asOf, "/history", "/history" + asOf)) {
            likeAnUnknownNumber(getAs(department, "/api/v1/cases/" + petitionNo + path),
                    getAs(department, "/api/v1/cases/" + UNKNOWN + path), petitionNo, department + " GET" + path);
        }
        likeAnUnknownNumber(act(petitionNo, department, PROGRESS), act(UNKNOWN, department, PROGRESS), petitionNo,
                department + " POST actions");
        assertThat(jdbc.sql("select count(*) from case_history where petition_no = ? and actor_department = ?")
                .params(petitionNo, department).query(Integer.class).single()).as("the refused action did nothing")
                .isZero();
    }

    private static List<String> listed(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        json(page.body()).get("items").forEach(item -> numbers.add(item.get("petitionNo").asString()));
        return numbers;
    }

    private String csv(String department) throws Exception {
        HttpResponse<String> csv = getAs(department, LIST, "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        return csv.body();
    }

    /** The other body still reads everything of the case, lists it, and is not refused by visibility on actions. */
    private void readBy(String department, String petitionNo) throws Exception {
        HttpResponse<String> view = getAs(department, "/api/v1/cases/" + petitionNo);
        assertThat(view.statusCode()).as(department).isEqualTo(200);
        assertThat(json(view.body()).get("petitionNo").asString()).isEqualTo(petitionNo);
        HttpResponse<String> history = getAs(department, "/api/v1/cases/" + petitionNo + "/history");
        assertThat(history.statusCode()).as(department).isEqualTo(200);
        assertThat(json(history.body()).isEmpty()).isFalse();
        assertThat(getAs(department, "/api/v1/cases/" + petitionNo + "?asOf=" + clock.instant().plus(Duration.ofDays(1)))
                .statusCode()).isEqualTo(200);
        assertThat(listed(getAs(department, LIST))).contains(petitionNo);
        assertThat(csv(department)).contains(petitionNo);
    }

    @Test
    void aComplaintAboutTheBureauIsHiddenFromTheBureauEverywhereWhileTheSupervisorReadsIt() throws Exception {
        String aboutTheBureau = caseAbout("XFJ", "ZFB");
        String aboutNobody = caseAbout(null, BUREAU);

        hiddenFrom(BUREAU, aboutTheBureau);
        assertThat(listed(getAs(BUREAU, LIST))).contains(aboutNobody).doesNotContain(aboutTheBureau);
        assertThat(csv(BUREAU)).contains(aboutNobody).doesNotContain(aboutTheBureau);
        // The list's total counts only what the bureau may see.
        long everyCase = json(getAs("ZFB", LIST).body()).get("total").asLong();
        assertThat(json(getAs(BUREAU, LIST).body()).get("total").asLong()).isEqualTo(everyCase
                - jdbc.sql("select count(*) from petition_case where complained_department = 'XFJ' and lead = ?")
                        .param(LEAD).query(Long.class).single()
                + jdbc.sql("select count(*) from petition_case where complained_department = 'ZFB' and lead = ?")
                        .param(LEAD).query(Long.class).single());

        readBy("ZFB", aboutTheBureau);
        // The supervisor takes the bureau's place for this case (docs/security.md, role table): it supervises it.
        HttpResponse<String> supervise = act(aboutTheBureau, "ZFB", "{\"type\": \"SUPERVISE\", \"note\": \"请加快\"}");
        assertThat(supervise.statusCode()).as(supervise.body()).isEqualTo(200);
        assertThat(json(getAs("ZFB", "/api/v1/cases/" + aboutTheBureau).body()).get("supervisionCount").asInt())
                .isEqualTo(1);
        // ... and for a case about nobody the bureau's actions stay the bureau's
        HttpResponse<String> notTheSupervisors = act(aboutNobody, "ZFB", "{\"type\": \"SUPERVISE\", \"note\": \"请加快\"}");
        assertThat(notTheSupervisors.statusCode()).isEqualTo(403);
        assertThat(json(notTheSupervisors.body()).get("rule").asString()).isEqualTo("only-bureau-supervises");
        // The departments handling it read it as usual.
        assertThat(getAs(LEAD, "/api/v1/cases/" + aboutTheBureau).statusCode()).isEqualTo(200);
    }

    @Test
    void aComplaintAboutTheSupervisorIsHiddenFromTheSupervisorEverywhereWhileTheBureauReadsAndActsOnIt()
            throws Exception {
        String aboutTheSupervisor = caseAbout("ZFB", BUREAU);
        String aboutNobody = caseAbout(null, "ZFB");

        hiddenFrom("ZFB", aboutTheSupervisor);
        assertThat(listed(getAs("ZFB", LIST))).contains(aboutNobody).doesNotContain(aboutTheSupervisor);
        assertThat(csv("ZFB")).contains(aboutNobody).doesNotContain(aboutTheSupervisor);

        readBy(BUREAU, aboutTheSupervisor);
        HttpResponse<String> progress = act(aboutTheSupervisor, BUREAU, PROGRESS);
        assertThat(progress.statusCode()).as(progress.body()).isEqualTo(200);
        // Still nothing for the supervisor, now that the case has moved on.
        hiddenFrom("ZFB", aboutTheSupervisor);

        // The supervisor's decisions on it are the discipline body's: JWJW reads the case and approves the extension.
        assertThat(getAs("JWJW", "/api/v1/cases/" + aboutTheSupervisor).statusCode()).isEqualTo(200);
        assertThat(listed(getAs("JWJW", LIST))).contains(aboutTheSupervisor).doesNotContain(aboutNobody);
        assertThat(act(aboutTheSupervisor, LEAD, "{\"type\": \"ACKNOWLEDGE\", \"responsiblePerson\": \"王科长\","
                + " \"notifiedBy\": \"PHONE\"}").statusCode()).isEqualTo(200);
        assertThat(act(aboutTheSupervisor, LEAD, "{\"type\": \"REQUEST_EXTENSION\", \"days\": 30,"
                + " \"reason\": \"需现场勘查\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> approved = act(aboutTheSupervisor, "JWJW",
                "{\"type\": \"EXTENSION_DECISION\", \"decision\": \"APPROVE\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved.body()).get("status").asString()).isEqualTo("EXTENDED");
        hiddenFrom("ZFB", aboutTheSupervisor);
    }
}
