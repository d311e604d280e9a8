package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;

/**
 * The registration record: the bureau and the supervisor see every petition, a department only the petitions
 * currently assigned to it and never one complaining about it; any other petition answers exactly like one that
 * does not exist.
 */
class PetitionRecordVisibilityTest extends IntakeIntegrationTest {

    private static final String UNKNOWN = "XF990101-20000101-999998";

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
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        route(petitionNo, "RULE", "RSJ", List.of("T002"), t0);
        HttpResponse<String> lead = record("RSJ", petitionNo);
        assertThat(lead.statusCode()).isEqualTo(200);
        assertThat(json(lead.body()).get("petitionNo").asString()).isEqualTo(petitionNo);
        likeAnUnknownPetition("T002", petitionNo);
        likeAnUnknownPetition("JTJ", petitionNo);

        // Reassigned: the former lead no longer sees it, the new one does.
        route(petitionNo, "MANUAL", "SJJ", List.of(), t0.plusSeconds(60));
        likeAnUnknownPetition("RSJ", petitionNo);
        assertThat(record("SJJ", petitionNo).statusCode()).isEqualTo(200);

        // An intake channel submits, but does not read back.
        assertThat(getWith(submitter(), "/api/v1/petitions/" + petitionNo).statusCode()).isEqualTo(403);
    }
}
