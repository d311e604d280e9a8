package org.petitionbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The tests every service's OpenAPI document passes ({@link ApiDocument}): it names the API, its version and how to
 * get a token; every operation but the public ones requires the bearer token and declares its refusals (401, 403,
 * 429); every operation declares the 503 of the door (with Retry-After); and it is valid OpenAPI 3.1. A service's {@code ApiDocumentationTest} extends its integration-test base and
 * implements this interface, so the checks are written once and run against every running service.
 */
public interface ApiDocumentContract {

    /** The port of the running service. */
    int apiPort();

    /** A word the API's title contains (the service's name). */
    String apiName();

    /** The operations that need no token, as {@code "GET /api/v1/progress/{petitionNo}"}. */
    default Set<String> publicOperations() {
        return Set.of();
    }

    default ApiDocument apiDocument() {
        return ApiDocument.fetch(apiPort());
    }

    @Test
    default void theDocumentNamesTheApiItsVersionAndHowToGetAToken() {
        ApiDocument api = apiDocument();
        assertThat(api.infoProblems()).isEmpty();
        assertThat(api.json().at("/info/title").asText()).contains(apiName());
    }

    @Test
    default void everyOperationNeedsTheBearerTokenAndDeclaresItsRefusals() {
        assertThat(apiDocument().securityProblems(publicOperations())).isEmpty();
    }

    @Test
    default void theDocumentIsValidOpenApi31() {
        assertThat(apiDocument().schemaViolations()).isEmpty();
    }
}
