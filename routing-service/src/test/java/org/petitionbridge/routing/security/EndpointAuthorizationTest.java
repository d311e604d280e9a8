package org.petitionbridge.routing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.routing.RoutingIntegrationTest;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.EndpointMatrix;
import org.petitionbridge.testsupport.EndpointMatrix.Access;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of routing's OpenAPI document, called by every kind of caller, answers as the routing rows of
 * docs/security.md say. The decisions about a petition are read by the bureau, the supervisor and the departments
 * that handle it; another department gets 404 as for an unknown petition.
 */
class EndpointAuthorizationTest extends RoutingIntegrationTest {

    private static final String BASE = "/api/v1/routing";
    /** RSJ leads a wage-arrears petition from 东河村 (T002 co-handles); YBJ has nothing to do with it. */
    private static final String OWNER = "RSJ";
    private static final String OTHER = "YBJ";

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsTheSecurityTableSays() throws Exception {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, "WAGE_ARREARS", "工地欠薪", "包工头拖欠工资三个月", null));
        JsonNode routed = awaitRouted(petitionNo, "RULE");
        assertThat(routed.get("lead").asString()).isEqualTo(OWNER);
        assertThat(strings(routed.get("coHandlers"))).doesNotContain(OTHER);
        ledgerApplies(petitionNo, routed);
        int activeVersion = activeRuleSetVersion();

        List<String> violations = new EndpointMatrix(baseUrl())
                .expect("GET " + BASE + "/rule-sets/active", Access.roles(Role.BUREAU))
                .expect("GET " + BASE + "/rule-sets/{version}", Access.roles(Role.BUREAU))
                // "{}" has no categories: 400 for the bureau, so the matrix never activates a rule set.
                .expect("POST " + BASE + "/rule-sets", Access.roles(Role.BUREAU))
                .expect("POST " + BASE + "/preview", Access.roles(Role.BUREAU))
                .expect("GET " + BASE + "/decisions/{petitionNo}",
                        Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT, Role.LEADER))
                // the supervisor triages and assigns the petitions complaining about the bureau (its own list)
                .expect("GET " + BASE + "/triage", Access.roles(Role.BUREAU, Role.SUPERVISOR, Role.LEADER))
                // "{}" names no petition: 400 for the bureau, so the matrix never reassigns one.
                .expect("POST " + BASE + "/assignments", Access.roles(Role.BUREAU, Role.SUPERVISOR))
                .variable("version", () -> "1")
                .variable("petitionNo", () -> petitionNo)
                .body("POST " + BASE + "/preview", """
                        {"divisionCode": "990101002001", "category": "WAGE_ARREARS", "subject": "工地欠薪"}""")
                .departments(OWNER, OTHER)
                .check();
        assertThat(violations).isEmpty();

        // The matrix changed nothing: the same rule set is active and the petition keeps its one decision.
        assertThat(activeRuleSetVersion()).isEqualTo(activeVersion);
        assertThat(decisionCount(petitionNo)).isEqualTo(1);
    }
}
