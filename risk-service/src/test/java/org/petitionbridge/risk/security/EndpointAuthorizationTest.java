package org.petitionbridge.risk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.risk.RiskIntegrationTest;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.EndpointMatrix;
import org.petitionbridge.testsupport.EndpointMatrix.Access;

/**
 * Every operation of risk's OpenAPI document, called by every kind of caller, answers as docs/risk.md says: the
 * bureau and the department responsible act on a project, the supervisor reads, another department gets 404.
 */
class EndpointAuthorizationTest extends RiskIntegrationTest {

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsTheSecurityTableSays() throws Exception {
        String id = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 10);
        List<String> violations = new EndpointMatrix("http://localhost:" + port)
                // "{}" is refused with 400 for those allowed, so the matrix registers nothing
                .expect("POST /api/v1/projects", Access.roles(Role.BUREAU, Role.DEPARTMENT))
                .expect("GET /api/v1/projects", Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT))
                .expect("GET /api/v1/projects/{id}", Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT))
                .expect("GET /api/v1/projects/{id}/petitions",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT))
                .expect("POST /api/v1/projects/{id}/assessments", Access.ownObjects(Role.BUREAU, Role.DEPARTMENT))
                .expect("POST /api/v1/projects/{id}/decision", Access.ownObjects(Role.BUREAU, Role.DEPARTMENT))
                .variable("id", () -> id)
                .departments("ZJJ", "RSJ")
                .check();
        assertThat(violations).isEmpty();
        // the matrix changed nothing: the project is still a draft without assessments
        assertThat(json(get("ZJJ", "/api/v1/projects/" + id)).get("status").asString()).isEqualTo("DRAFT");
    }
}
