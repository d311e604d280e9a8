package org.petitionbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.petitionbridge.testsupport.ApiDocument;

/**
 * The ledger's /v3/api-docs names the API, its version and how to get a token, declares the bearer token and its
 * refusals (401, 403, 429) on every operation but the public progress query, which declares its rate limit (429),
 * and is valid OpenAPI 3.1 ({@link ApiDocument}).
 */
class ApiDocumentationTest extends LedgerIntegrationTest {

    private static final String PROGRESS = "GET /api/v1/progress/{petitionNo}";

    @Test
    void theDocumentNamesTheApiItsVersionAndHowToGetAToken() {
        ApiDocument api = ApiDocument.fetch("http://localhost:" + port);
        assertThat(api.infoProblems()).isEmpty();
        assertThat(api.json().at("/info/title").asText()).contains("ledger");
    }

    @Test
    void everyOperationNeedsTheBearerTokenAndDeclaresItsRefusals() {
        // but the petitioner's progress query, which needs none
        assertThat(ApiDocument.fetch("http://localhost:" + port).securityProblems(Set.of(PROGRESS))).isEmpty();
    }

    @Test
    void theProgressQueryNeedsNoTokenAndDeclaresItsRateLimit() {
        ApiDocument api = ApiDocument.fetch("http://localhost:" + port);
        assertThat(api.operation(PROGRESS).has("security")).isFalse();
        assertThat(api.missingProblemResponses(PROGRESS, "429")).isEmpty();
        assertThat(api.operation(PROGRESS).at("/responses/429/headers/Retry-After/schema/type").asText())
                .isEqualTo("integer");
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        assertThat(ApiDocument.fetch("http://localhost:" + port).schemaViolations()).isEmpty();
    }
}
