package org.petitionbridge.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.testsupport.TestTokens;

/**
 * A protected endpoint refuses a missing token and every forged, expired or misdirected one with 401 (problem
 * details and WWW-Authenticate), and answers the genuine token; the actuator is open for health only.
 */
class TokenAttackTest extends LedgerIntegrationTest {

    private static final String LEDGER = "/api/v1/cases?size=1";

    private static void unauthenticated(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what)
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(json(response.body()).get("status").asInt()).as(what).isEqualTo(401);
    }

    @Test
    void noTokenAndEveryAttackTokenAreRefusedAndTheGenuineTokenIsAnswered() throws Exception {
        unauthenticated(request(LEDGER, null, null), "no token");
        Map<String, String> attacks = TestTokens.get().attacks();
        assertThat(attacks).isNotEmpty();
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            HttpResponse<String> response = request(LEDGER, null, "Bearer " + attack.getValue());
            unauthenticated(response, attack.getKey());
            assertThat(response.body()).as(attack.getKey()).doesNotContain(attack.getValue());
        }
        HttpResponse<String> genuine = request(LEDGER, null, bearer(BUREAU));
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
        assertThat(json(genuine.body()).has("items")).isTrue();
    }

    @Test
    void healthIsOpenAndPrometheusIsForTheOperatorOnly() throws Exception {
        HttpResponse<String> health = request("/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health.body()).get("status").asString()).isEqualTo("UP");

        unauthenticated(request("/actuator/prometheus", null, null), "prometheus without a token");
        HttpResponse<String> department = request("/actuator/prometheus", null, bearer("RSJ"));
        assertThat(department.statusCode()).isEqualTo(403);
        assertThat(department.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        HttpResponse<String> operator = request("/actuator/prometheus", null, "Bearer " + TestTokens.get().operator());
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("jvm_memory_used_bytes");
    }
}
