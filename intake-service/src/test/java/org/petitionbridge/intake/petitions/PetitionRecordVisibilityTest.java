package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;

/**
 * The registration record: the bureau and the supervisor see every petition, a department only the petitions
 * currently assigned to it; nobody, the bureau and the supervisor included, ever sees one complaining about its own
 * department (信访工作条例 Art 46(5)); any other petition answers exactly like one that does not exist.
 */
class PetitionRecordVisibilityTest extends IntakeIntegrationTest {

    private static final String UNKNOWN = "XF990101-20000101-999998";
    private static final String PURPOSE = "?purpose=" + URLEncoder.encode("电话告知受理情况", StandardCharsets.UTF_8);

    private HttpResponse<String> record(String department, String petitionNo) throws Exception {
        return getAs(department, "/api/v1/petitions/" + petitionNo);
    }

    /** The answer is the one an unknown petition gets, but for the number in it. */
    private void likeAnUnknownPetition(String department, String petitionNo) throws Exception {
        HttpResponse<String> unknown = record(department, UNKNOWN);
        HttpResponse<String> refused = record(department, petitionNo);
        assertThat(refused.statusCode()).as(department).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type")).isEqualTo(unknown.headers().firstValue("Content-Type"));
        assertThat(json(refused.body())).as(department).isEqualTo(json(unknown.body().replace(UNKNOWN, petitionNo)));
        assertThat(json(refused.body()).get("detail").asString()).isEqualTo("No petition " + petitionNo + " is registered");
    }

    @Test
    void aDepartmentSeesOnlyThePetitionsAssignedToItAndNeverOneAboutItself() throws Exception {
        String body = Petitions.with(Petitions.petition("VISIT", "WAGE_ARREARS", "990101002001", Petitions.person()),
                "complainedAgainst", "{\"department\": \"T002\"}");
        String petitionNo = register(body).get("petitionNo").asString();

        assertThat(record("XFJ", petitionNo).statusCode()).isEqualTo(200);
        assertThat(record("ZFB", petitionNo).statusCode()).isEqualTo(200);
        likeAnUnknownPetition("RSJ", petitionNo);

        // Assigned: lead RSJ, co-handler T002, the township complained about, which still sees nothing.
        handleBy(petitionNo, "ASSIGNED", "RSJ", List.of("T002"));
        HttpResponse<String> lead = record("RSJ", petitionNo);
        assertThat(lead.statusCode()).isEqualTo(200);
        assertThat(json(lead.body()).get("petitionNo").asString()).isEqualTo(petitionNo);
        likeAnUnknownPetition("T002", petitionNo);
        likeAnUnknownPetition("JTJ", petitionNo);

        // Reassigned: the former lead no longer sees it, the new one does.
        handleBy(petitionNo, "ASSIGNED", "SJJ", List.of());
        likeAnUnknownPetition("RSJ", petitionNo);
        assertThat(record("SJJ", petitionNo).statusCode()).isEqualTo(200);

        // An intake channel submits, but does not read back.
        assertThat(getWith(submitter(), "/api/v1/petitions/" + petitionNo).statusCode()).isEqualTo(403);
    }

    /** A petition complaining about the given department, registered by this test's intake channel. */
    private String complaintAbout(String department, String divisionCode) throws Exception {
        String body = Petitions.with(Petitions.petition("LETTER", "WAGE_ARREARS", divisionCode, Petitions.person()),
                "complainedAgainst", "{\"department\": \"" + department + "\", \"person\": \"某科长\"}");
        return register(body).get("petitionNo").asString();
    }

    /** The petitioners of a petition answer the caller exactly like those of an unknown petition. */
    private void petitionersLikeAnUnknownPetition(String department, String petitionNo) throws Exception {
        HttpResponse<String> unknown = getAs(department, "/api/v1/petitions/" + UNKNOWN + "/petitioners" + PURPOSE);
        HttpResponse<String> refused = getAs(department, "/api/v1/petitions/" + petitionNo + "/petitioners" + PURPOSE);
        assertThat(refused.statusCode()).as(department).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type")).isEqualTo(unknown.headers().firstValue("Content-Type"));
        assertThat(json(refused.body())).as(department).isEqualTo(json(unknown.body().replace(UNKNOWN, petitionNo)));
    }

    private HttpResponse<String> auditEntries(String department, String petitionNo) throws Exception {
        return getAs(department, "/api/v1/audit/identity-reads?petitionNo=" + petitionNo);
    }

    private int auditedReads(String petitionNo) {
        return jdbc.sql("select count(*) from identity_audit where petition_no = ?").param(petitionNo)
                .query(Integer.class).single();
    }

    @Test
    void aPetitionAboutTheBureauIsHiddenFromTheBureauOnEveryEndpointWhileTheSupervisorReadsIt() throws Exception {
        String petitionNo = complaintAbout("XFJ", "990101002001");
        route(petitionNo, "RSJ");

        // The bureau: the record, the petitioners and the audit of the petition answer like an unknown petition.
        likeAnUnknownPetition("XFJ", petitionNo);
        petitionersLikeAnUnknownPetition("XFJ", petitionNo);
        assertThat(getAs("RSJ", "/api/v1/petitions/" + petitionNo + "/petitioners" + PURPOSE).statusCode())
                .isEqualTo(200);
        assertThat(auditedReads(petitionNo)).as("the reads are audited all the same").isEqualTo(2);
        assertThat(jdbc.sql("select outcome from identity_audit where petition_no = ? and department = 'XFJ'")
                .param(petitionNo).query(String.class).list()).containsExactly("REFUSED_COMPLAINED_AGAINST");
        HttpResponse<String> unknownAudit = auditEntries("XFJ", UNKNOWN);
        HttpResponse<String> audit = auditEntries("XFJ", petitionNo);
        assertThat(unknownAudit.statusCode()).isEqualTo(404);
        assertThat(audit.statusCode()).isEqualTo(404);
        assertThat(json(audit.body())).isEqualTo(json(unknownAudit.body().replace(UNKNOWN, petitionNo)));
        assertThat(audit.body()).doesNotContain("RSJ", "GRANTED");

        // The supervisor takes the bureau's place for it: the record, the petitioners and their audit.
        HttpResponse<String> supervisor = record("ZFB", petitionNo);
        assertThat(supervisor.statusCode()).isEqualTo(200);
        assertThat(json(supervisor.body()).get("petitionNo").asString()).isEqualTo(petitionNo);
        assertThat(json(supervisor.body()).get("complainedAgainstDepartment").asString()).isEqualTo("XFJ");
        assertThat(getAs("ZFB", "/api/v1/petitions/" + petitionNo + "/petitioners" + PURPOSE).statusCode())
                .isEqualTo(200);
        HttpResponse<String> supervisorAudit = auditEntries("ZFB", petitionNo);
        assertThat(supervisorAudit.statusCode()).isEqualTo(200);
        assertThat(json(supervisorAudit.body()).valueStream().map(e -> e.get("department").asString()).toList())
                .containsExactly("XFJ", "RSJ", "ZFB");
        // The department it is assigned to reads it as usual.
        assertThat(record("RSJ", petitionNo).statusCode()).isEqualTo(200);
    }

    @Test
    void aPetitionAboutTheSupervisorIsHiddenFromTheSupervisorWhileTheBureauReadsIt() throws Exception {
        String petitionNo = complaintAbout("ZFB", "990101002002");

        likeAnUnknownPetition("ZFB", petitionNo);
        // Identities are refused to the supervisor exactly as for an unknown petition.
        petitionersLikeAnUnknownPetition("ZFB", petitionNo);

        // The bureau reads the record, the petitioners and the audit of the petition.
        HttpResponse<String> bureau = record("XFJ", petitionNo);
        assertThat(bureau.statusCode()).isEqualTo(200);
        assertThat(json(bureau.body()).get("complainedAgainstDepartment").asString()).isEqualTo("ZFB");
        HttpResponse<String> people = getAs("XFJ", "/api/v1/petitions/" + petitionNo + "/petitioners" + PURPOSE);
        assertThat(people.statusCode()).isEqualTo(200);
        assertThat(json(people.body()).get("petitionNo").asString()).isEqualTo(petitionNo);
        HttpResponse<String> audit = auditEntries("XFJ", petitionNo);
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(json(audit.body()).valueStream().map(e -> e.get("department").asString() + ":"
                + e.get("outcome").asString()).toList()).containsExactly("ZFB:REFUSED_COMPLAINED_AGAINST", "XFJ:GRANTED");
        // The supervisor lists no audit of it: it is not the petition's acting bureau (and it is complained about).
        assertThat(auditEntries("ZFB", petitionNo).statusCode()).isEqualTo(404);
    }
}
