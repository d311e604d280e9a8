package org.petitionbridge.ledger.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The public progress query is rate-limited per client address, right codes included: over the budget it answers
 * 429 with Retry-After and problem details. The address is the connection's: without
 * {@code server.forward-headers-strategy}, a forged X-Forwarded-For does not buy a new budget.
 * <p>
 * The tests run with {@value LedgerIntegrationTest#PROGRESS_QUERIES_PER_PERIOD} queries per 2 s; this test waits
 * for the next period at the end, so the other tests' progress queries are not hurt.
 */
class ProgressRateLimitTest extends LedgerIntegrationTest {

    private static final String CODE = "LIMIT2345ABC";

    private HttpResponse<String> query(String petitionNo, int n) throws Exception {
        // Every request claims to come from another address: the limiter must not believe it.
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/progress/"
                        + petitionNo + "?code=" + CODE)).header("X-Forwarded-For", "203.0.113." + (n % 250 + 1))
                .header("Forwarded", "for=198.51.100." + (n % 250 + 1)).header("X-Real-IP", "192.0.2." + (n % 250 + 1))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFloodFromOneAddressIsAnswered429WithRetryAfterWhateverForwardedHeadersItSends() throws Exception {
        String no = assignedCase("RSJ", List.of(), CODE);
        // Failed guesses of other tests are past their window (the failure limit is the controller's own).
        clock.advance(Duration.ofMinutes(11));

        // Until the budget is spent; a period boundary during the flood renews it once at most, hence the bound.
        int bound = 2 * PROGRESS_QUERIES_PER_PERIOD + 5;
        int answered = 0;
        HttpResponse<String> limited = null;
        for (int n = 0; n < bound && limited == null; n++) {
            HttpResponse<String> r = query(no, n);
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                answered++;
            }
        }
        assertThat(limited).as("no 429 after " + bound + " queries from one address").isNotNull();
        assertThat(answered).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(2 * PROGRESS_QUERIES_PER_PERIOD);

        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Long.parseLong(v)).isBetween(1L, 2L));
        assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json(limited.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("type").asString()).endsWith("/rate-limited");
        assertThat(problem.get("limit").asString()).isEqualTo("progress");
        assertThat(problem.get("detail").asString()).contains("this address").doesNotContain(no, CODE);

        // The next period: the address may ask again.
        HttpResponse<String> again = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> getWithoutToken("/api/v1/progress/" + no + "?code=" + CODE), r -> r.statusCode() == 200);
        assertThat(json(again.body()).get("status").asString()).isEqualTo("ASSIGNED");
    }
}
