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
 * bureau and the department responsible act on a project or a warning, the supervisor reads, another department
 * gets 404.
 */
class EndpointAuthorizationTest extends RiskIntegrationTest {

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsTheSecurityTableSays() throws Exception {
        String id = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 10);
        // a group petition in 东河镇 about demolition: a warning for T002 and ZJJ, not for RSJ
        String group = newPetitionNo();
        publish(petition(group, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 9, null));
        awaitFact(group);
        String warning = warningsNaming("ZJJ", "GROUP_PETITION", group).get(0).get("id").asString();
        // a round in which ZJJ reported an issue it answers for
        String round = json(post("XFJ", "/api/v1/screening/rounds", """
                {"name": "矩阵检查", "kind": "SPECIAL", "dueBy": "%s"}""".formatted(
                java.time.OffsetDateTime.now().plusDays(3)))).get("id").asString();
        String dispute = json(post("ZJJ", "/api/v1/screening/rounds/" + round + "/reports", """
                {"zeroReport": false, "items": [{"divisionCode": "990101002001", "category": "HOUSING_DEMOLITION",
                 "summary": "安置房分配争议", "peopleInvolved": 3, "riskLevel": "LOW", "resolveBy": "%s"}]}"""
                .formatted(java.time.LocalDate.now().plusDays(30)))).get("items").get(0).get("id").asString();
        List<String> violations = new EndpointMatrix("http://localhost:" + port)
                // "{}" is refused with 400 for those allowed, so the matrix registers nothing
                .expect("POST /api/v1/projects", Access.roles(Role.BUREAU, Role.DEPARTMENT))
                .expect("GET /api/v1/projects", Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("GET /api/v1/projects/{id}", Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("GET /api/v1/projects/{id}/petitions",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("POST /api/v1/projects/{id}/assessments", Access.ownObjects(Role.BUREAU, Role.DEPARTMENT))
                .expect("POST /api/v1/projects/{id}/decision", Access.ownObjects(Role.BUREAU, Role.DEPARTMENT))
                .expect("GET /api/v1/warnings", Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("GET /api/v1/warnings/rules", Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("GET /api/v1/warnings/{warningId}",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("POST /api/v1/warnings/{warningId}/actions",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT))
                .expect("POST /api/v1/screening/rounds", Access.roles(Role.BUREAU))
                .expect("GET /api/v1/screening/rounds", Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("GET /api/v1/screening/rounds/{roundId}",
                        Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("GET /api/v1/screening/rounds/{roundId}/coverage",
                        Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("POST /api/v1/screening/rounds/{roundId}/reports", Access.roles(Role.DEPARTMENT))
                .expect("GET /api/v1/screening/rounds/{roundId}/reports/{unit}",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("GET /api/v1/screening/statistics",
                        Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.ANALYST, Role.LEADER))
                .expect("GET /api/v1/disputes", Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("GET /api/v1/disputes/{disputeId}",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .expect("POST /api/v1/disputes/{disputeId}/actions", Access.ownObjects(Role.BUREAU, Role.DEPARTMENT))
                .expect("GET /api/v1/petitions/{petitionNo}/related",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                .variable("id", () -> id)
                .variable("roundId", () -> round)
                .variable("unit", () -> "ZJJ")
                .variable("disputeId", () -> dispute)
                .variable("petitionNo", () -> group)
                .variable("warningId", () -> warning)
                .departments("ZJJ", "RSJ")
                .check();
        assertThat(violations).isEmpty();
        // the matrix changed nothing: the project is still a draft without assessments
        assertThat(json(get("ZJJ", "/api/v1/projects/" + id)).get("status").asString()).isEqualTo("DRAFT");
        assertThat(json(get("ZJJ", "/api/v1/warnings/" + warning)).get("status").asString()).isEqualTo("OPEN");
    }
}
