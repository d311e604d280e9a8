package org.petitionbridge.notify.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.TestTokens;

/** Tokens that must not get in, and the actuator endpoints. */
class TokenAttackTest extends NotifyIntegrationTest {

    private static final String FEED = "/api/v1/feed?after=0&limit=1";

    private void assertRefused(HttpResponse<String> response, String token) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(401);
        assertThat(json(response.body()).get("detail").asString()).isNotBlank();
        if (token != null) {
            assertThat(response.body()).as("the answer does not echo the token").doesNotContain(token);
        }
    }

    @Test
    void noTokenAndEveryForgedOrStaleTokenAnswer401AndTheGenuineTokenIsServed() throws Exception {
        assertRefused(send("GET", FEED, null, null), null);
        for (Map.Entry<String, String> attack : TestTokens.get().attacks().entrySet()) {
            HttpResponse<String> response = send("GET", FEED, null, "Bearer " + attack.getValue());
            assertThat(response.statusCode()).as(attack.getKey()).isEqualTo(401);
            assertRefused(response, attack.getValue());
        }
        HttpResponse<String> genuine = get(FEED, "RSJ");
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
        assertThat(json(genuine.body()).get("department").asString()).isEqualTo("RSJ");
    }

    @Test
    void healthIsOpenAndPrometheusIsTheOperatorsOnly() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertRefused(get("/actuator/prometheus"), null);
        HttpResponse<String> department = get("/actuator/prometheus", "RSJ");
        assertThat(department.statusCode()).isEqualTo(403);
        assertThat(department.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");
        HttpResponse<String> operator = send("GET", "/actuator/prometheus", null,
                "Bearer " + TestTokens.get().operator());
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("# TYPE");
    }

    @Test
    void aDepartmentTokenThatNamesNoDepartmentOfTheCountyGetsNothing() throws Exception {
        String noDepartment = TestTokens.get().client("rsj", Role.DEPARTMENT);
        String unknownDepartment = TestTokens.get().builder("nope").department("NOPE").roles(Role.DEPARTMENT).sign();
        String bureauWithoutDepartment = TestTokens.get().client("xfj", Role.BUREAU);
        for (String token : new String[] {noDepartment, unknownDepartment, bureauWithoutDepartment}) {
            for (String path : new String[] {FEED, "/api/v1/subscriptions", "/api/v1/deliveries"}) {
                HttpResponse<String> response = send("GET", path, null, "Bearer " + token);
                // Roles and department disagree: the token itself is refused.
                assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("application/problem+json");
            }
            assertThat(send("POST", "/api/v1/subscriptions", "{}", "Bearer " + token).statusCode()).isEqualTo(401);
        }
    }
}
