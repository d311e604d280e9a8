package org.petitionbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.petitionbridge.testsupport.ApiDocument;

/**
 * routing's /v3/api-docs names the API, its version and how to get a token, declares the bearer token and its
 * refusals (401, 403, 429) on every operation, and is valid OpenAPI 3.1 ({@link ApiDocument}).
 */
class ApiDocumentationTest extends RoutingIntegrationTest {

    @Test
    void theDocumentNamesTheApiItsVersionAndHowToGetAToken() {
        ApiDocument api = ApiDocument.fetch("http://localhost:" + port);
        assertThat(api.infoProblems()).isEmpty();
        assertThat(api.json().at("/info/title").asText()).contains("routing");
    }

    @Test
    void everyOperationNeedsTheBearerTokenAndDeclaresItsRefusals() {
        // no public operation: every one needs a token, and may answer 401, 403 and 429
        assertThat(ApiDocument.fetch("http://localhost:" + port).securityProblems(Set.of())).isEmpty();
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        assertThat(ApiDocument.fetch("http://localhost:" + port).schemaViolations()).isEmpty();
    }
}
