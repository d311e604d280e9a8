package org.petitionbridge.intake.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Submissions are limited per client (INTAKE_SUBMISSIONS_PER_PERIOD per INTAKE_SUBMISSIONS_PERIOD; 20 per 10 s in
 * the tests): a flooding channel gets 429 with Retry-After and problem details and registers nothing more, while
 * another channel's submission at the same time is registered.
 */
class SubmissionRateLimitTest extends IntakeIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private double rejectedSoFar() {
        Counter counter = meters.find("petition.ratelimit.rejected").tag("limit", "submissions").counter();
        return counter == null ? 0 : counter.count();
    }

    private CompletableFuture<HttpResponse<String>> submit(String token) {
        String body = Petitions.petition("HOTLINE_12345", "TRANSPORT", "990101006001", Petitions.person());
        return HTTP.sendAsync(HttpRequest.newBuilder(uri("/api/v1/petitions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFloodingClientGets429WithRetryAfterWhileAnotherClientIsServed() throws Exception {
        String flooder = newChannel();
        String other = newChannel();
        int petitionsBefore = rows("petition");
        double rejectedBefore = rejectedSoFar();

        // More than two periods' worth at once: even if the flood straddles the start of a new period, some are
        // over the limit.
        int flood = 2 * SUBMISSIONS_PER_PERIOD + 5;
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
            sent.add(submit(flooder));
        }
        CompletableFuture<HttpResponse<String>> meanwhile = submit(other);
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        HttpResponse<String> served = meanwhile.get(60, TimeUnit.SECONDS);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(201);

        int accepted = 0;
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> response = f.get();
            assertThat(response.statusCode()).as(response.body()).isIn(201, 429);
            if (response.statusCode() == 201) {
                accepted++;
            } else {
                refused.add(response);
            }
        }
        assertThat(accepted).isBetween(SUBMISSIONS_PER_PERIOD, 2 * SUBMISSIONS_PER_PERIOD);
        assertThat(refused).hasSize(flood - accepted);
        for (HttpResponse<String> response : refused) {
            assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10));
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = json(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(429);
            assertThat(problem.get("title").asString()).isEqualTo("Too many requests");
            assertThat(problem.get("detail").asString()).contains("this client");
        }

        // What was refused was not registered: exactly the accepted submissions and the other client's are.
        assertThat(rows("petition")).isEqualTo(petitionsBefore + accepted + 1);
        assertThat(rejectedSoFar() - rejectedBefore).isEqualTo(refused.size());
    }
}
