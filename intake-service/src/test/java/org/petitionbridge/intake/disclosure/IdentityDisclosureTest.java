package org.petitionbridge.intake.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
import org.petitionbridge.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * Identity reads: the bureau and the currently assigned departments only, never the department complained
 * about; a refused read looks exactly like an unknown petition; every attempt is in the audit log, with the
 * caller its token names.
 */
class IdentityDisclosureTest extends IntakeIntegrationTest {

    private static final String PURPOSE = URLEncoder.encode("电话告知受理情况", StandardCharsets.UTF_8);

    private HttpResponse<String> read(String department, String petitionNo, String query) throws Exception {
        return getAs(department, "/api/v1/petitions/" + petitionNo + "/petitioners" + query);
    }

    private HttpResponse<String> read(String department, String petitionNo) throws Exception {
        return read(department, petitionNo, "?purpose=" + PURPOSE);
    }

    private static void refusedLikeAnUnknownPetition(HttpResponse<String> response, String petitionNo) {
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.get("detail").asString()).isEqualTo("No petition " + petitionNo + " is registered");
        assertThat(problem.get("title").asString()).isEqualTo("Not found");
    }

    @Test
    void onlyTheBureauAndTheCurrentlyAssignedDepartmentsMayReadNeverTheOneComplainedAbout() throws Exception {
        Petitions.Person first = Petitions.person();
        Petitions.Person second = Petitions.person();
        String body = Petitions.with(Petitions.petition("VISIT", "WAGE_ARREARS", "990101002001", first, second),
                "complainedAgainst", "{\"department\": \"ZJJ\", \"person\": \"某科长\"}");
        String petitionNo = register(body).get("petitionNo").asString();
        String unknown = "XF990101-20000101-999999";
        HttpResponse<String> unknownRead = read("RSJ", unknown);
        refusedLikeAnUnknownPetition(unknownRead, unknown);

        // Before routing, only the bureau.
        HttpResponse<String> bureau = read("XFJ", petitionNo);
        assertThat(bureau.statusCode()).isEqualTo(200);
        assertThat(bureau.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode identities = json(bureau.body());
        assertThat(identities.get("fields").toString()).isEqualTo("[\"name\",\"idNumber\",\"phone\",\"address\"]");
        assertThat(identities.get("petitioners")).hasSize(2);
        JsonNode one = identities.get("petitioners").get(0);
        assertThat(one.get("name").asString()).isEqualTo(first.name());
        assertThat(one.get("idNumber").asString()).isEqualTo(first.idNumber());
        assertThat(one.get("phone").asString()).isEqualTo(first.phone());
        assertThat(one.get("address").asString()).isEqualTo(first.address());
        assertThat(identities.get("petitioners").get(1).get("name").asString()).isEqualTo(second.name());
        refusedLikeAnUnknownPetition(read("RSJ", petitionNo), petitionNo);
        // The supervisor reads every case, but not the petitioners' identity (only of a petition about the bureau,
        // where it takes the bureau's place).
        refusedLikeAnUnknownPetition(read("ZFB", petitionNo), petitionNo);

        // Routed: lead RSJ, co-handler T002. They may read, only the fields they ask for.
        handleBy(petitionNo, "ASSIGNED", "RSJ", List.of("T002"));
        HttpResponse<String> lead = read("RSJ", petitionNo, "?purpose=" + PURPOSE + "&fields=name,phone");
        assertThat(lead.statusCode()).isEqualTo(200);
        JsonNode leadView = json(lead.body()).get("petitioners").get(0);
        assertThat(leadView.get("name").asString()).isEqualTo(first.name());
        assertThat(leadView.get("phone").asString()).isEqualTo(first.phone());
        assertThat(leadView.get("idNumber").isNull()).isTrue();
        assertThat(leadView.get("address").isNull()).isTrue();
        assertThat(read("T002", petitionNo).statusCode()).isEqualTo(200);
        refusedLikeAnUnknownPetition(read("ZJJ", petitionNo), petitionNo);
        refusedLikeAnUnknownPetition(read("JTJ", petitionNo), petitionNo);

        // The ledger's next case replaces the earlier one, even one that names the unit complained about: that
        // unit still never reads the identity.
        handleBy(petitionNo, "ASSIGNED", "ZJJ", List.of());
        refusedLikeAnUnknownPetition(read("ZJJ", petitionNo), petitionNo);
        refusedLikeAnUnknownPetition(read("RSJ", petitionNo), petitionNo);
        refusedLikeAnUnknownPetition(read("T002", petitionNo), petitionNo);

        handleBy(petitionNo, "ASSIGNED", "SJJ", List.of("T002"));
        assertThat(read("SJJ", petitionNo).statusCode()).isEqualTo(200);
        assertThat(read("T002", petitionNo).statusCode()).isEqualTo(200);
        assertThat(read("XFJ", petitionNo).statusCode()).isEqualTo(200);

        // Every attempt is in the audit log, with field names and purpose, never the values.
        List<String> outcomes = new ArrayList<>();
        List<String> everything = new ArrayList<>();
        jdbc.sql("select department, client_id, fields, purpose, outcome, concat_ws('|', department, client_id,"
                        + " petition_no, fields, purpose, outcome, prev_hash, hash) as all_columns from identity_audit"
                        + " where petition_no = ? order by seq")
                .param(petitionNo).query(rs -> {
                    outcomes.add(rs.getString("department") + ":" + rs.getString("outcome"));
                    assertThat(rs.getString("client_id")).isEqualTo(rs.getString("department").toLowerCase());
                    everything.add(rs.getString("all_columns"));
                    assertThat(rs.getString("purpose")).isEqualTo("电话告知受理情况");
                });
        assertThat(outcomes).containsExactly("XFJ:GRANTED", "RSJ:REFUSED_NOT_ASSIGNED", "ZFB:REFUSED_NOT_ASSIGNED",
                "RSJ:GRANTED", "T002:GRANTED",
                "ZJJ:REFUSED_COMPLAINED_AGAINST", "JTJ:REFUSED_NOT_ASSIGNED", "ZJJ:REFUSED_COMPLAINED_AGAINST",
                "RSJ:REFUSED_NOT_ASSIGNED", "T002:REFUSED_NOT_ASSIGNED", "SJJ:GRANTED", "T002:GRANTED", "XFJ:GRANTED");
        assertThat(jdbc.sql("select fields from identity_audit where petition_no = ? and department = 'RSJ' and outcome = 'GRANTED'")
                .param(petitionNo).query(String.class).single()).isEqualTo("name,phone");
        // The bureau's listing shows who read what, and why.
        HttpResponse<String> listing = get("/api/v1/audit/identity-reads?petitionNo=" + petitionNo);
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode leadRead = null;
        for (JsonNode entry : json(listing.body())) {
            if ("RSJ".equals(entry.get("department").asString()) && "GRANTED".equals(entry.get("outcome").asString())) {
                leadRead = entry;
            }
        }
        assertThat(leadRead).as(listing.body()).isNotNull();
        assertThat(leadRead.get("clientId").asString()).isEqualTo("rsj");
        assertThat(leadRead.get("petitionNo").asString()).isEqualTo(petitionNo);
        assertThat(leadRead.get("fields").asString()).isEqualTo("name,phone");
        assertThat(leadRead.get("purpose").asString()).isEqualTo("电话告知受理情况");
        assertThat(listing.body()).doesNotContain(first.name(), first.phone());
        assertThat(String.join("\n", everything)).doesNotContain(first.name(), first.idNumber(), first.phone(),
                first.address(), second.name(), second.idNumber());
        assertThat(jdbc.sql("select outcome from identity_audit where petition_no = ?").param(unknown)
                .query(String.class).list()).containsExactly("REFUSED_UNKNOWN_PETITION");
    }

    @Test
    void aReadWithoutTokenIsA401AndAReadWithoutPurposeIsA400ThatIsAuditedWithItsCaller() throws Exception {
        String petitionNo = register(Petitions.petition("LETTER", "EDUCATION", "990101001002", Petitions.person()))
                .get("petitionNo").asString();

        // Without a token nobody is known: refused before anything is decided or recorded.
        HttpResponse<String> anonymous = read(null, petitionNo);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();

        HttpResponse<String> noPurpose = read("XFJ", petitionNo, "");
        assertThat(noPurpose.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(noPurpose.body()).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactly("purpose");

        HttpResponse<String> badField = read("XFJ", petitionNo, "?purpose=" + PURPOSE + "&fields=name,salary");
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(json(badField.body()).get("errors").get(0).get("field").asString()).isEqualTo("fields");

        // A purpose that carries a phone number is refused, and the number is not written to the audit log. The
        // answer depends on the request only, so a department learns nothing about the petition from it.
        HttpResponse<String> phoneInPurpose = read("RSJ", petitionNo, "?purpose="
                + URLEncoder.encode("回电13912345678", StandardCharsets.UTF_8));
        assertThat(phoneInPurpose.statusCode()).isEqualTo(400);
        assertThat(json(phoneInPurpose.body()).get("errors").get(0).get("field").asString()).isEqualTo("purpose");
        assertThat(phoneInPurpose.body()).doesNotContain("13912345678");

        // Audited with the caller of the token and only what is valid: a bad purpose is not recorded.
        assertThat(jdbc.sql("select concat_ws(':', department, client_id, fields, coalesce(purpose, '-'), outcome)"
                        + " from identity_audit where petition_no = ? order by seq").param(petitionNo).query(String.class).list())
                .containsExactly("XFJ:xfj:name,idNumber,phone,address:-:REFUSED_INVALID_REQUEST",
                        "XFJ:xfj:name:电话告知受理情况:REFUSED_INVALID_REQUEST",
                        "RSJ:rsj:name,idNumber,phone,address:-:REFUSED_INVALID_REQUEST");
    }

    @Test
    void aDepartmentTheLedgerTakesOffTheCaseLosesTheIdentityAtOnce() throws Exception {
        // The case: LABOR_EMPLOYMENT led by RSJ alone; RSJ objects, the bureau accepts, routing finds
        // nobody left and the ledger puts the case into TRIAGE. RSJ reads nothing from that moment.
        String petitionNo = register(Petitions.petition("VISIT", "LABOR_EMPLOYMENT", "990101001002",
                Petitions.person())).get("petitionNo").asString();
        handleBy(petitionNo, "ASSIGNED", "RSJ", List.of());
        assertThat(read("RSJ", petitionNo).statusCode()).isEqualTo(200);

        handleBy(petitionNo, "OBJECTED", null, List.of());   // OBJECTION_ACCEPTED: the ledger releases RSJ
        refusedLikeAnUnknownPetition(read("RSJ", petitionNo), petitionNo);
        handleBy(petitionNo, "TRIAGE", null, List.of());
        refusedLikeAnUnknownPetition(read("RSJ", petitionNo), petitionNo);
        assertThat(read("XFJ", petitionNo).statusCode()).isEqualTo(200);

        // the bureau assigns it by hand to another department, which gains access with the ledger's event
        handleBy(petitionNo, "ASSIGNED", "MZJ", List.of());
        assertThat(read("MZJ", petitionNo).statusCode()).isEqualTo(200);
        refusedLikeAnUnknownPetition(read("RSJ", petitionNo), petitionNo);
    }

    @Test
    void anAccusationAgainstAVillageCadreIsRegisteredAndItsTownshipNeverReadsThePetitioner() throws Exception {
        String petitionNo = register(Petitions.with(Petitions.petition("LETTER", "ACCUSATION", "990101003002",
                        Petitions.person()), "complainedAgainst", "{\"person\": \"村主任\", \"village\": \"990101003002\"}"))
                .get("petitionNo").asString();
        assertThat(jdbc.sql("select barred from petition where petition_no = ?").param(petitionNo)
                .query((rs, i) -> List.of((String[]) rs.getArray(1).getArray())).single()).containsExactly("T003");
        // even named as a handler by a (mistaken) case, the township of the village reads nothing
        handleBy(petitionNo, "ASSIGNED", "JWJW", List.of("T003"));
        assertThat(read("JWJW", petitionNo).statusCode()).isEqualTo(200);
        refusedLikeAnUnknownPetition(read("T003", petitionNo), petitionNo);
        assertThat(jdbc.sql("select outcome from identity_audit where petition_no = ? and department = 'T003'")
                .param(petitionNo).query(String.class).list()).containsExactly("REFUSED_COMPLAINED_AGAINST");
    }

    @Test
    void aDepartmentTokenWithoutDepartmentIsRefusedBeforeItReachesTheRegistry() throws Exception {
        String petitionNo = register(Petitions.petition("ONLINE", "WAGE_ARREARS", "990101001002", Petitions.person()))
                .get("petitionNo").asString();
        route(petitionNo, "RSJ");
        // Roles and department disagree: the token itself is refused (401), so nothing is read or audited.
        String noDepartment = TOKENS.client("dept-without-code", Role.DEPARTMENT);
        assertThat(getWith(noDepartment, "/api/v1/petitions/" + petitionNo + "/petitioners?purpose=" + PURPOSE)
                .statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from identity_audit where petition_no = ?").param(petitionNo)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anAnonymousAccusationHasNoIdentityToDiscloseAndTheAccusedUnitIsRefused() throws Exception {
        String petitionNo = register("""
                {"channel": "EMAIL", "divisionCode": "990101005", "category": "ACCUSATION", "subject": "乡干部吃拿卡要",
                 "content": "乡干部办事吃拿卡要。", "petitioners": [], "complainedAgainst": {"department": "T005"}}""")
                .get("petitionNo").asString();
        route(petitionNo, "JWJW");
        HttpResponse<String> discipline = read("JWJW", petitionNo);
        assertThat(discipline.statusCode()).isEqualTo(200);
        assertThat(json(discipline.body()).get("petitioners")).isEmpty();
        refusedLikeAnUnknownPetition(read("T005", petitionNo), petitionNo);
    }
}
