package org.petitionbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.petitionbridge.testsupport.ApiDocument;
import org.petitionbridge.testsupport.ApiDocumentContract;

/**
 * The ledger's /v3/api-docs names the API, its version and how to get a token, declares the bearer token and its
 * refusals (401, 403, 429) on every operation but the public progress query, which declares its rate limit (429),
 * and is valid OpenAPI 3.1 ({@link ApiDocument}).
 */
class ApiDocumentationTest extends LedgerIntegrationTest implements ApiDocumentContract {

    private static final String PROGRESS = "GET /api/v1/progress/{petitionNo}";

    @Override
    public int apiPort() {
        return port;
    }

    @Override
    public String apiName() {
        return "ledger";
    }

    /** The petitioner's progress query needs no token. */
    @Override
    public Set<String> publicOperations() {
        return Set.of(PROGRESS);
    }

    @Test
    void theProgressQueryNeedsNoTokenAndDeclaresItsRateLimit() {
        ApiDocument api = apiDocument();
        assertThat(api.operation(PROGRESS).has("security")).isFalse();
        assertThat(api.missingProblemResponses(PROGRESS, "429")).isEmpty();
        assertThat(api.operation(PROGRESS).at("/responses/429/headers/Retry-After/schema/type").asText())
                .isEqualTo("integer");
    }
}
