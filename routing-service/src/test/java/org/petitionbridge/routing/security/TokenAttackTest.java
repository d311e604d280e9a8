package org.petitionbridge.routing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.routing.RoutingIntegrationTest;
import org.petitionbridge.testsupport.TestTokens;

/** Forged, expired and foreign tokens are refused; the actuator is for operators, except health. */
class TokenAttackTest extends RoutingIntegrationTest {

    private static final String TRIAGE = "/api/v1/routing/triage";

    @Test
    void noTokenAndEveryAttackTokenAre401WithProblemDetailsAndTheGenuineBureauTokenPasses() {
        assertUnauthenticated("no token", get(TRIAGE, null));
        for (Map.Entry<String, String> attack : TestTokens.get().attacks().entrySet()) {
            assertUnauthenticated(attack.getKey(), get(TRIAGE, "Bearer " + attack.getValue()));
        }
        HttpResponse<String> genuine = get(TRIAGE, bureau());
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(json(genuine).isArray()).isTrue();
    }

    @Test
    void healthIsPublicAndEveryOtherActuatorEndpointIsTheOperators() {
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asString()).isEqualTo("UP");

        assertUnauthenticated("no token on prometheus", get("/actuator/prometheus", null));
        HttpResponse<String> department = get("/actuator/prometheus", TestTokens.get().bearer("RSJ"));
        assertThat(department.statusCode()).isEqualTo(403);
        assertThat(department.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> operator = get("/actuator/prometheus", "Bearer " + TestTokens.get().operator());
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("service=\"routing-service\"");
    }

    private static void assertUnauthenticated(String what, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(h ->
                assertThat(h).startsWith("Bearer"));
        assertThat(json(response).get("status").asInt()).as(what).isEqualTo(401);
    }
}
