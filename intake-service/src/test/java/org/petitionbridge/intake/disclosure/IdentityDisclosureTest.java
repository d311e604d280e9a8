package org.petitionbridge.intake.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
import tools.jackson.databind.JsonNode;

/**
 * Identity reads: the bureau and the currently assigned departments only, never the department complained
 * about; a refused read looks exactly like an unknown petition; every attempt is in the audit log.
 */
class IdentityDisclosureTest extends IntakeIntegrationTest {

    private static final String PURPOSE = URLEncoder.encode("电话告知受理情况", StandardCharsets.UTF_8);

    private HttpResponse<String> read(String department, String petitionNo, String query) throws Exception {
        return getAs(department, "/api/v1/petitions/" + petitionNo + "/petitioners" + query);
    }

    private HttpResponse<String> read(String department, String petitionNo) throws Exception {
        return read(department, petitionNo, "?purpose=" + PURPOSE);
    }

    private void route(String petitionNo, String source, String lead, List<String> coHandlers, Instant decidedAt) {
        publish(new PetitionRouted(petitionNo, UUID.randomUUID().toString(), source, lead, coHandlers, null,
                "WAGE_ARREARS", "CLAIM", null, List.of(), List.of(), List.of(), null, "test decision", decidedAt));
        await().atMost(Duration.ofSeconds(20)).until(() -> lead.equals(jdbc.sql(
                "select lead from assignment where petition_no = ? and decided_at = ?").params(petitionNo,
                java.sql.Timestamp.from(decidedAt)).query(String.class).optional().orElse(null)));
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

        // Routed: lead RSJ, co-handler T002. They may read, only the fields they ask for.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        route(petitionNo, "RULE", "RSJ", List.of("T002"), t0);
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

        // A later manual decision replaces the earlier one, even one that names the unit complained about:
        // that unit still never reads the identity.
        route(petitionNo, "MANUAL", "ZJJ", List.of(), t0.plusSeconds(60));
        refusedLikeAnUnknownPetition(read("ZJJ", petitionNo), petitionNo);
        refusedLikeAnUnknownPetition(read("RSJ", petitionNo), petitionNo);
        refusedLikeAnUnknownPetition(read("T002", petitionNo), petitionNo);

        route(petitionNo, "REROUTE", "SJJ", List.of("T002"), t0.plusSeconds(120));
        assertThat(read("SJJ", petitionNo).statusCode()).isEqualTo(200);
        assertThat(read("T002", petitionNo).statusCode()).isEqualTo(200);
        assertThat(read("XFJ", petitionNo).statusCode()).isEqualTo(200);

        // Every attempt is in the audit log, with field names and purpose, never the values.
        List<String> outcomes = new ArrayList<>();
        List<String> everything = new ArrayList<>();
        jdbc.sql("select department, fields, purpose, outcome, concat_ws('|', department, petition_no, fields, purpose,"
                        + " outcome, prev_hash, hash) as all_columns from identity_audit where petition_no = ? order by seq")
                .param(petitionNo).query(rs -> {
                    outcomes.add(rs.getString("department") + ":" + rs.getString("outcome"));
                    everything.add(rs.getString("all_columns"));
                    assertThat(rs.getString("purpose")).isEqualTo("电话告知受理情况");
                });
        assertThat(outcomes).containsExactly("XFJ:GRANTED", "RSJ:REFUSED_NOT_ASSIGNED", "RSJ:GRANTED", "T002:GRANTED",
                "ZJJ:REFUSED_COMPLAINED_AGAINST", "JTJ:REFUSED_NOT_ASSIGNED", "ZJJ:REFUSED_COMPLAINED_AGAINST",
                "RSJ:REFUSED_NOT_ASSIGNED", "T002:REFUSED_NOT_ASSIGNED", "SJJ:GRANTED", "T002:GRANTED", "XFJ:GRANTED");
        assertThat(jdbc.sql("select fields from identity_audit where petition_no = ? and department = 'RSJ' and outcome = 'GRANTED'")
                .param(petitionNo).query(String.class).single()).isEqualTo("name,phone");
        assertThat(String.join("\n", everything)).doesNotContain(first.name(), first.idNumber(), first.phone(),
                first.address(), second.name(), second.idNumber());
        assertThat(jdbc.sql("select outcome from identity_audit where petition_no = ?").param(unknown)
                .query(String.class).list()).containsExactly("REFUSED_UNKNOWN_PETITION");
    }

    @Test
    void aReadWithoutPurposeOrDepartmentIsA400ThatIsAuditedToo() throws Exception {
        String petitionNo = register(Petitions.petition("LETTER", "EDUCATION", "990101001002", Petitions.person()))
                .get("petitionNo").asString();

        HttpResponse<String> neither = read(null, petitionNo, "");
        assertThat(neither.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(neither.body()).get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("X-Department", "purpose");

        HttpResponse<String> badField = read("XFJ", petitionNo, "?purpose=" + PURPOSE + "&fields=name,salary");
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(json(badField.body()).get("errors").get(0).get("field").asString()).isEqualTo("fields");

        HttpResponse<String> unknownDepartment = read("NOPE", petitionNo);
        assertThat(unknownDepartment.statusCode()).isEqualTo(400);
        assertThat(json(unknownDepartment.body()).get("errors").get(0).get("field").asString()).isEqualTo("X-Department");

        // A purpose that carries a phone number is refused, and the number is not written to the audit log.
        HttpResponse<String> phoneInPurpose = read("XFJ", petitionNo, "?purpose="
                + URLEncoder.encode("回电13912345678", StandardCharsets.UTF_8));
        assertThat(phoneInPurpose.statusCode()).isEqualTo(400);
        assertThat(json(phoneInPurpose.body()).get("errors").get(0).get("field").asString()).isEqualTo("purpose");
        assertThat(phoneInPurpose.body()).doesNotContain("13912345678");

        // Audited, with only what is valid: an unknown department or a bad purpose is not recorded.
        assertThat(jdbc.sql("select concat_ws(':', coalesce(department, '-'), fields, coalesce(purpose, '-'), outcome)"
                        + " from identity_audit where petition_no = ? order by seq").param(petitionNo).query(String.class).list())
                .containsExactly("-:name,idNumber,phone,address:-:REFUSED_INVALID_REQUEST",
                        "XFJ:name:电话告知受理情况:REFUSED_INVALID_REQUEST",
                        "-:name,idNumber,phone,address:电话告知受理情况:REFUSED_INVALID_REQUEST",
                        "XFJ:name,idNumber,phone,address:-:REFUSED_INVALID_REQUEST");
    }

    @Test
    void anAnonymousAccusationHasNoIdentityToDiscloseAndTheAccusedUnitIsRefused() throws Exception {
        String petitionNo = register("""
                {"channel": "EMAIL", "divisionCode": "990101005", "category": "ACCUSATION", "subject": "乡干部吃拿卡要",
                 "content": "乡干部办事吃拿卡要。", "petitioners": [], "complainedAgainst": {"department": "T005"}}""")
                .get("petitionNo").asString();
        route(petitionNo, "RULE", "JWJW", List.of(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        HttpResponse<String> discipline = read("JWJW", petitionNo);
        assertThat(discipline.statusCode()).isEqualTo(200);
        assertThat(json(discipline.body()).get("petitioners")).isEmpty();
        refusedLikeAnUnknownPetition(read("T005", petitionNo), petitionNo);
    }
}
