package org.petitionbridge.notify.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.notify.NotifyIntegrationTest;
import tools.jackson.databind.JsonNode;

class SubscriptionValidationTest extends NotifyIntegrationTest {

    private JsonNode problem(String body) throws Exception {
        HttpResponse<String> response = postJson("/api/v1/subscriptions", body);
        assertThat(response.statusCode()).isEqualTo(400);
        return EventCodec.mapper().readTree(response.body());
    }

    @Test
    void anUnknownDepartmentAndAMissingUrlAreNamed() throws Exception {
        JsonNode problem = problem("{\"department\": \"NOPE\"}");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("department", "url");
    }

    @Test
    void addressesThatCouldReachInternalSystemsAreRefused() throws Exception {
        for (String url : new String[] {"http://hooks.example.com/x", "https://169.254.169.254/latest/meta-data",
                "https://10.0.0.8/hook", "https://192.168.1.1/hook", "https://localhost/hook", "https://[::1]/hook",
                "ftp://example.com/x", "https://user:pw@example.com/x"}) {
            JsonNode problem = problem("{\"department\": \"RSJ\", \"url\": \"" + url + "\"}");
            assertThat(problem.get("errors").get(0).get("field").asString()).as(url).isEqualTo("url");
        }
    }
}
