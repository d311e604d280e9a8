package org.petitionbridge.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.petitionbridge.testsupport.EndpointMatrix.Access.anyone;
import static org.petitionbridge.testsupport.EndpointMatrix.Access.ownObjects;
import static org.petitionbridge.testsupport.EndpointMatrix.Access.roles;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.EndpointMatrix;
import org.petitionbridge.testsupport.TestTokens;

/**
 * Every operation of the ledger's OpenAPI document, called by every kind of caller, answers as the ledger rows of
 * docs/security.md say. The case is RSJ's (lead, T002 co-handling); YBJ is another department.
 */
class EndpointAuthorizationTest extends LedgerIntegrationTest {

    private static final String CODE = "MATRIX2345AB";
    /** A day the calendar does not hold: deleting it changes nothing. */
    private static final String DAY_NOT_IN_THE_CALENDAR = "2041-03-13";

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsTheRoleTableSays() throws Exception {
        String petitionNo = assignedCase("RSJ", List.of("T002"), CODE);
        EndpointMatrix.Access read = ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER);
        EndpointMatrix.Access act = ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT);
        EndpointMatrix matrix = new EndpointMatrix("http://localhost:" + port)
                .departments("RSJ", "YBJ")
                .variable("petitionNo", () -> petitionNo)
                .variable("day", () -> DAY_NOT_IN_THE_CALENDAR)
                // Actions with an empty body: 400 for whoever gets past authorization, and nothing changes.
                .body("POST /api/v1/cases/{petitionNo}/actions", "{}")
                .body("PUT /api/v1/calendar", "{}")
                // The right code, so that the matrix's queries are no failed guesses for the failure limit.
                .query("GET /api/v1/progress/{petitionNo}", "code=" + CODE)
                .expect("GET /api/v1/cases", roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("GET /api/v1/cases/{petitionNo}", read)
                .expect("GET /api/v1/cases/{petitionNo}/history", read)
                .expect("GET /api/v1/cases/{petitionNo}/actions", read)
                .expect("POST /api/v1/cases/{petitionNo}/actions", act)
                .expect("GET /api/v1/statistics", roles(Role.BUREAU, Role.SUPERVISOR, Role.ANALYST, Role.LEADER))
                .expect("GET /api/v1/calendar",
                        roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.ANALYST, Role.LEADER))
                .expect("PUT /api/v1/calendar", roles(Role.BUREAU))
                .expect("DELETE /api/v1/calendar/{day}", roles(Role.BUREAU))
                // The ledger is not empty: the operator gets past authorization and the rebuild refuses (409).
                .expect("POST /api/v1/admin/rebuild", roles(Role.OPERATOR))
                .expect("GET /api/v1/progress/{petitionNo}", anyone());

        assertThat(matrix.check()).isEmpty();

        // Nothing the matrix did changed the case or the ledger.
        assertThat(awaitStatus(petitionNo, "ASSIGNED").get("lead").asString()).isEqualTo("RSJ");
        HttpResponse<String> rebuild = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/admin/rebuild")).header("Authorization", "Bearer " + TestTokens.get().operator())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(409);
        assertThat(json(rebuild.body()).get("rule").asString()).isEqualTo("ledger-not-empty");
    }
}
