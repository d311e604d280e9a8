package org.petitionbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiDocument} refuses what it must: a small document that passes every check, and each kind of mistake
 * made to it one at a time (the header springdoc wrote for intake's 201 among them).
 */
class ApiDocumentTest {

    private static final String PROGRESS = "GET /api/v1/progress/{petitionNo}";
    private static final String REGISTER = "POST /api/v1/petitions";

    private static final String PROBLEM = """
            {"description": "%s", "content": {"application/problem+json":
                {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}}""";

    private static final String UNAVAILABLE = """
            {"description": "Too busy, or no database", "headers": {"Retry-After": {"description": "Seconds",
                "schema": {"type": "integer"}}}, "content": {"application/problem+json":
                {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}}""";

    private static final String VALID = """
            {
              "openapi": "3.1.0",
              "info": {
                "title": "petition-bridge example",
                "version": "0.1.0-SNAPSHOT",
                "description": "Get a token from http://localhost:9000/oauth2/token; who may call what: docs/security.md"
              },
              "paths": {
                "/api/v1/petitions": {
                  "post": {
                    "security": [{"bearer": []}],
                    "responses": {
                      "201": {
                        "description": "Registered",
                        "headers": {
                          "Location": {
                            "description": "The new petition's record",
                            "style": "simple",
                            "schema": {"type": "string", "format": "uri-reference"}
                          }
                        }
                      },
                      "401": %s,
                      "403": %s,
                      "429": %s,
                      "503": %s
                    }
                  }
                },
                "/api/v1/progress/{petitionNo}": {
                  "get": {
                    "parameters": [{"name": "petitionNo", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {
                      "200": {"description": "How far the petition has got"},
                      "429": %s,
                      "503": %s
                    }
                  }
                }
              },
              "components": {
                "schemas": {
                  "ProblemDetail": {
                    "type": "object",
                    "properties": {
                      "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                      "detail": {"type": "string"}, "instance": {"type": "string"}, "errors": {"type": "array"},
                      "rule": {"type": "string"}
                    }
                  }
                },
                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
              }
            }
            """.formatted(PROBLEM.formatted("No token"), PROBLEM.formatted("Not your role"),
            PROBLEM.formatted("Too many"), UNAVAILABLE, PROBLEM.formatted("Too many"), UNAVAILABLE);

    private final ApiDocument document = ApiDocument.parse(VALID);

    @Test
    void aValidDocumentPassesEveryCheck() {
        assertThat(document.schemaViolations()).isEmpty();
        assertThat(document.infoProblems()).isEmpty();
        assertThat(document.securityProblems(Set.of(PROGRESS))).isEmpty();
        assertThat(document.missingProblemResponses(PROGRESS, "429")).isEmpty();
        assertThat(document.operations()).containsExactly(PROGRESS, REGISTER);
    }

    @Test
    void aHeaderWithAStyleButNoSchemaIsRefused() {
        // What springdoc wrote for intake's Location header, declared with a description only.
        location().remove("schema");

        assertThat(document.schemaViolations())
                .anySatisfy(v -> assertThat(v).contains("headers.Location").contains("required property 'schema'"))
                .anySatisfy(v -> assertThat(v).contains("headers.Location").contains("'style' is not evaluated"));
    }

    @Test
    void aHeaderWithAPropertyAHeaderMayNotHaveIsRefused() {
        location().put("type", "string");

        assertThat(document.schemaViolations())
                .anySatisfy(v -> assertThat(v).contains("headers.Location").contains("'type' is not evaluated"));
    }

    @Test
    void aDocumentWithoutATitleIsRefused() {
        ((ObjectNode) document.json().get("info")).remove("title");

        assertThat(document.schemaViolations()).anySatisfy(v -> assertThat(v).contains("title"));
    }

    @Test
    void anOpenApi30DocumentIsRefused() {
        ((ObjectNode) document.json()).put("openapi", "3.0.1");

        assertThat(document.schemaViolations()).anySatisfy(v -> assertThat(v).contains("openapi"));
    }

    @Test
    void aResponseWithoutADescriptionIsRefused() {
        ((ObjectNode) document.json().at("/paths/~1api~1v1~1petitions/post/responses/201")).remove("description");

        assertThat(document.schemaViolations()).anySatisfy(v -> assertThat(v).contains("description"));
    }

    @Test
    void aReferenceToNothingIsReported() {
        ((ObjectNode) document.json().at("/paths/~1api~1v1~1petitions/post/responses/401/content"
                + "/application~1problem+json/schema")).put("$ref", "#/components/schemas/Nothing");

        assertThat(document.schemaViolations())
                .anySatisfy(v -> assertThat(v).contains("#/components/schemas/Nothing").contains("points at nothing"));
    }

    @Test
    void springdocsDefaultsAndAnUnfilledVersionAreNotAName() {
        ObjectNode info = (ObjectNode) document.json().get("info");
        info.put("title", "OpenAPI definition");
        info.put("version", "v0");
        info.put("description", "The intake API");
        assertThat(document.infoProblems()).hasSize(4);

        info.put("version", "@project.version@");
        assertThat(document.infoProblems()).anySatisfy(p -> assertThat(p).contains("@project.version@"));
    }

    @Test
    void aSecuredOperationWithoutItsRefusalsIsReported() {
        ObjectNode responses = (ObjectNode) document.json().at("/paths/~1api~1v1~1petitions/post/responses");
        responses.remove("429");
        responses.set("403", document.json().at("/paths/~1api~1v1~1progress~1{petitionNo}/get/responses/200"));

        assertThat(document.securityProblems(Set.of(PROGRESS))).hasSize(2)
                .anySatisfy(p -> assertThat(p).isEqualTo(REGISTER + ": declares no 429"))
                .anySatisfy(p -> assertThat(p).startsWith(REGISTER + ": its 403 is not application/problem+json"));
    }

    @Test
    void anOperationWithoutTheDoorsAnswerOrItsRetryAfterIsReportedPublicOrNot() {
        ((ObjectNode) document.json().at("/paths/~1api~1v1~1progress~1{petitionNo}/get/responses")).remove("503");
        ((ObjectNode) document.json().at("/paths/~1api~1v1~1petitions/post/responses/503")).remove("headers");

        assertThat(document.securityProblems(Set.of(PROGRESS))).containsExactlyInAnyOrder(
                PROGRESS + ": declares no 503", PROGRESS + ": its 503 does not declare the Retry-After header",
                REGISTER + ": its 503 does not declare the Retry-After header");
    }

    @Test
    void anOperationThatDoesNotRequireTheBearerSchemeIsReported() {
        ((ObjectNode) document.json().at("/paths/~1api~1v1~1petitions/post")).remove("security");

        assertThat(document.securityProblems(Set.of(PROGRESS)))
                .anySatisfy(p -> assertThat(p).startsWith(REGISTER + ": needs a token"));
    }

    @Test
    void aPublicOperationThatRequiresATokenIsReported() {
        ArrayNode security = ((ObjectNode) document.json()).putArray("security");
        security.addObject().putArray("bearer");

        assertThat(document.securityProblems(Set.of(PROGRESS)))
                .containsExactly(PROGRESS + ": public, but requires [{\"bearer\":[]}]");
    }

    @Test
    void anExpectedPublicOperationMissingFromTheDocumentIsReported() {
        assertThat(document.securityProblems(Set.of(PROGRESS, "GET /api/v1/nothing")))
                .containsExactly("GET /api/v1/nothing: expected as a public operation but not in the document");
    }

    private ObjectNode location() {
        return (ObjectNode) document.json().at("/paths/~1api~1v1~1petitions/post/responses/201/headers/Location");
    }
}
