package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;

class ConcurrentRegistrationTest extends IntakeIntegrationTest {

    @Test
    void fiftyConcurrentSubmissionsGetFiftyDistinctPetitionNumbers() throws Exception {
        // Five channels submit ten each, within every channel's rate limit.
        List<String> channels = List.of(newChannel(), newChannel(), newChannel(), newChannel(), newChannel());
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = Petitions.petition(i % 2 == 0 ? "ONLINE" : "HOTLINE_12345", "MARKET_REGULATION",
                    "990101006002", Petitions.person());
            sent.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/petitions"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + channels.get(i % channels.size())).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        Set<String> numbers = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> response = f.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String petitionNo = json(response.body()).get("petitionNo").asString();
            assertThat(petitionNo).matches("XF990101-\\d{8}-\\d{6}");
            numbers.add(petitionNo);
        }
        assertThat(numbers).hasSize(50);
        assertThat(jdbc.sql("select count(*) from petition where petition_no in (:numbers)").param("numbers", numbers)
                .query(Integer.class).single()).isEqualTo(50);
    }
}
