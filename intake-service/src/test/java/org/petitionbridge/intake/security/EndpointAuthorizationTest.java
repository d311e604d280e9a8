package org.petitionbridge.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.EndpointMatrix;
import org.petitionbridge.testsupport.EndpointMatrix.Access;

/**
 * Every operation of intake's OpenAPI document, called with a token of every kind of caller, answers what the
 * intake rows of docs/security.md say; another department's petition answers 404 as if it did not exist.
 */
class EndpointAuthorizationTest extends IntakeIntegrationTest {

    private static final String OWNER = "RSJ";
    private static final String OTHER = "YBJ";

    @Test
    void everyEndpointAnswersExactlyTheRolesOfTheSecurityTable() throws Exception {
        // A petition the ledger has the owner lead, by a real petition.status.v1 event.
        String owned = register(Petitions.petition("VISIT", "WAGE_ARREARS", "990101002001", Petitions.person()))
                .get("petitionNo").asString();
        route(owned, OWNER);

        List<String> violations = new EndpointMatrix("http://localhost:" + port)
                .expect("POST /api/v1/petitions", Access.roles(Role.BUREAU, Role.INTAKE_CHANNEL))
                .expect("GET /api/v1/petitions/{petitionNo}",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                // the supervisor is let in for petitions about the bureau (it acts as the bureau); for this one the
                // visibility policy answers 404
                .expect("GET /api/v1/petitions/{petitionNo}/petitioners",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT))
                .expect("GET /api/v1/audit/identity-reads", Access.roles(Role.BUREAU, Role.SUPERVISOR))
                .expect("GET /api/v1/audit/identity-reads/verification", Access.roles(Role.BUREAU, Role.OPERATOR))
                .departments(OWNER, OTHER)
                .variable("petitionNo", () -> owned)
                .body("POST /api/v1/petitions",
                        Petitions.petition("ONLINE", "EDUCATION", "990101001001", Petitions.person()))
                .query("GET /api/v1/petitions/{petitionNo}/petitioners",
                        "purpose=" + URLEncoder.encode("核实身份", StandardCharsets.UTF_8) + "&fields=name")
                .query("GET /api/v1/audit/identity-reads", "petitionNo=" + owned)
                .check();
        assertThat(violations).isEmpty();

        // The identity reads the matrix made are in the audit log: the owner and the bureau read, the other
        // department and the supervisor were refused; the callers without the role never got as far as the log.
        assertThat(jdbc.sql("select concat_ws(':', department, outcome) from identity_audit where petition_no = ?"
                + " order by seq").param(owned).query(String.class).list())
                .containsExactly(OTHER + ":REFUSED_NOT_ASSIGNED", OWNER + ":GRANTED", "ZFB:REFUSED_NOT_ASSIGNED",
                        "XFJ:GRANTED");
    }
}
