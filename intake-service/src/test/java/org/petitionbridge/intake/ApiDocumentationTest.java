package org.petitionbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.audit.AuditVerification;
import org.petitionbridge.intake.audit.IdentityAuditLog;
import org.petitionbridge.intake.disclosure.PetitionerIdentities;
import org.petitionbridge.intake.petitions.PetitionRecord;
import org.petitionbridge.intake.petitions.PetitionRequest;
import org.petitionbridge.intake.petitions.Registration;
import org.petitionbridge.testsupport.ApiDocument;
import org.petitionbridge.testsupport.ApiDocumentContract;
import tools.jackson.databind.JsonNode;

/**
 * /v3/api-docs documents every path, parameter and field of intake's API, each field with a description; it names
 * the API, its version and how to get a token, declares the token and its refusals on every operation, and is valid
 * OpenAPI 3.1 ({@link ApiDocument}).
 */
class ApiDocumentationTest extends IntakeIntegrationTest implements ApiDocumentContract {

    @Override
    public int apiPort() {
        return port;
    }

    @Override
    public String apiName() {
        return "intake";
    }

    private static final List<Class<? extends Record>> DOCUMENTED = List.of(PetitionRequest.class,
            PetitionRequest.Petitioner.class, PetitionRequest.ComplainedAgainst.class, Registration.class,
            PetitionRecord.class, PetitionerIdentities.class, PetitionerIdentities.Identity.class,
            AuditVerification.class, IdentityAuditLog.Entry.class);

    @Test
    void everyFieldOfEveryRequestAndAnswerIsDescribed() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = json(response.body());
        JsonNode schemas = api.get("components").get("schemas");

        List<String> undocumented = new ArrayList<>();
        for (Class<? extends Record> type : DOCUMENTED) {
            JsonNode schema = schemas.get(type.getSimpleName());
            assertThat(schema).as("schema %s", type.getSimpleName()).isNotNull();
            assertThat(schema.path("description").asString("")).as("description of %s", type.getSimpleName()).isNotBlank();
            for (RecordComponent component : type.getRecordComponents()) {
                JsonNode property = schema.get("properties").get(component.getName());
                if (property == null) {
                    undocumented.add(type.getSimpleName() + "." + component.getName() + " (missing)");
                } else if (description(property, schemas).isBlank()) {
                    undocumented.add(type.getSimpleName() + "." + component.getName() + " (no description)");
                }
            }
        }
        assertThat(undocumented).isEmpty();
    }

    /** The property's description, or that of the schema it refers to. */
    private static String description(JsonNode property, JsonNode schemas) {
        String own = property.path("description").asString("");
        if (!own.isBlank()) {
            return own;
        }
        String ref = property.path("$ref").asString(property.path("items").path("$ref").asString(""));
        return ref.isEmpty() ? "" : schemas.path(ref.substring(ref.lastIndexOf('/') + 1)).path("description").asString("");
    }

    @Test
    void everyPathAndParameterIsDocumented() throws Exception {
        // The document is public: no token needed to read it.
        HttpResponse<String> document = getWith(null, "/v3/api-docs");
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode api = json(document.body());
        JsonNode paths = api.get("paths");
        JsonNode register = paths.get("/api/v1/petitions").get("post");
        assertThat(parameters(register)).contains("Idempotency-Key");
        assertThat(register.get("responses").propertyNames()).contains("200", "201", "400", "401", "403", "413", "415",
                "422", "429");
        assertThat(paths.get("/api/v1/petitions/{petitionNo}").get("get").get("responses").propertyNames())
                .contains("200", "401", "403", "404");
        JsonNode read = paths.get("/api/v1/petitions/{petitionNo}/petitioners").get("get");
        assertThat(parameters(read)).containsExactlyInAnyOrder("petitionNo", "purpose", "fields");
        assertThat(read.get("responses").propertyNames()).contains("200", "400", "401", "403", "404");
        assertThat(paths.get("/api/v1/audit/identity-reads/verification").get("get")).isNotNull();
        assertThat(parameters(paths.get("/api/v1/audit/identity-reads").get("get"))).containsExactly("petitionNo");
        // The caller is the bearer token's: the document names the scheme, and no parameter names the caller
        // (the only header parameter left is the Idempotency-Key).
        assertThat(api.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
                .isEqualTo("bearer");
        List<String> headers = new ArrayList<>();
        List<String> all = new ArrayList<>();
        paths.forEach(path -> path.forEach(operation -> operation.path("parameters").forEach(p -> {
            all.add(p.get("name").asString());
            if ("header".equals(p.path("in").asString(""))) {
                headers.add(p.get("name").asString());
            }
        })));
        assertThat(headers).containsExactly("Idempotency-Key");
        assertThat(all).doesNotContain("caller", "department");
    }

    private static List<String> parameters(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.path("parameters").forEach(p -> {
            names.add(p.get("name").asString());
            assertThat(p.path("description").asString("")).as("parameter %s", p.get("name").asString()).isNotBlank();
        });
        return names;
    }
}
