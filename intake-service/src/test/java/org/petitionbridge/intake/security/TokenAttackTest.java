package org.petitionbridge.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;

/**
 * A protected endpoint refuses a missing token and every forged, expired or misaddressed one with 401 problem
 * details and a WWW-Authenticate header; health is public, the other actuator endpoints are for operators.
 */
class TokenAttackTest extends IntakeIntegrationTest {

    private static void unauthenticated(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what).hasValueSatisfying(
                h -> assertThat(h).startsWith("Bearer"));
        assertThat(json(response.body()).get("status").asInt()).as(what).isEqualTo(401);
    }

    @Test
    void noTokenAndEveryAttackTokenAre401AndOnlyTheGenuineTokenReads() throws Exception {
        String petitionNo = register(Petitions.petition("LETTER", "HEALTH", "990101004002", Petitions.person()))
                .get("petitionNo").asString();
        String path = "/api/v1/petitions/" + petitionNo;

        unauthenticated(getWith(null, path), "no token");
        Map<String, String> attacks = TOKENS.attacks();
        assertThat(attacks).isNotEmpty();
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            HttpResponse<String> response = getWith(attack.getValue(), path);
            unauthenticated(response, attack.getKey());
            assertThat(response.body()).as(attack.getKey()).doesNotContain(petitionNo, attack.getValue());
        }

        HttpResponse<String> genuine = get(path);
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(json(genuine.body()).get("petitionNo").asString()).isEqualTo(petitionNo);
    }

    @Test
    void healthIsPublicAndPrometheusIsForOperators() throws Exception {
        HttpResponse<String> health = getWith(null, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health.body()).get("status").asString()).isEqualTo("UP");

        unauthenticated(getWith(null, "/actuator/prometheus"), "prometheus without a token");
        HttpResponse<String> department = getAs("RSJ", "/actuator/prometheus");
        assertThat(department.statusCode()).isEqualTo(403);
        assertThat(department.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> operator = getWith(TOKENS.operator(), "/actuator/prometheus");
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("service=\"intake-service\"");
    }
}
