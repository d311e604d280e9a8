package org.petitionbridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * A service's OpenAPI document ({@code /v3/api-docs}) and what every service's document must be:
 * <ul>
 * <li>valid OpenAPI 3.1: {@link #schemaViolations()} validates it against the OpenAPI Initiative's schema (vendored
 * in {@value #OAS_31_SCHEMA}, see the README beside it) with an independent validator (networknt's
 * json-schema-validator, not springdoc), and every local {@code $ref} must point at something;</li>
 * <li>named: {@link #infoProblems()} wants a title, the platform's version and a description that says how to get a
 * token and where the documentation is, none of them springdoc's defaults;</li>
 * <li>honest about tokens: {@link #securityProblems(Set)} wants every operation but the public ones to require the
 * bearer scheme and to declare 401, 403 and 429 as problem details of the one {@value #PROBLEM_SCHEMA} schema, and
 * the public ones to require nothing.</li>
 * </ul>
 * Each method returns every problem it finds, so a test asserts that the list is empty and a failure names them all.
 */
public final class ApiDocument {

    /** The OpenAPI 3.1 schema (iteration 2022-10-07) on the classpath. */
    public static final String OAS_31_SCHEMA = "openapi/oas-3.1-schema-2022-10-07.json";
    /** The problem-details schema every refusal refers to. */
    public static final String PROBLEM_SCHEMA = "ProblemDetail";
    /** What a service's refusals (401, 403, 429, and 503 on every operation) must answer. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    /** What springdoc writes when nobody named the API. */
    private static final Set<String> SPRINGDOC_DEFAULTS = Set.of("OpenAPI definition", "v0");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-.+][0-9A-Za-z.-]+)?");
    private static volatile JsonSchema oas31;

    private final JsonNode document;

    private ApiDocument(JsonNode document) {
        this.document = document;
    }

    /** The document the service on this localhost port serves at {@code /v3/api-docs}, fetched without a token. */
    public static ApiDocument fetch(int port) {
        HttpResponse<String> response = TestHttp.send(port, "GET", "/v3/api-docs", null, null, null, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/v3/api-docs answered " + response.statusCode() + " without a token");
        }
        return parse(response.body());
    }

    /** A document given as JSON text. */
    public static ApiDocument parse(String json) {
        try {
            return new ApiDocument(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getMessage(), e);
        }
    }

    public JsonNode json() {
        return document;
    }

    /** The document's operations, as {@code "GET /api/v1/cases/{petitionNo}"}. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(m -> {
            if (METHODS.contains(m.getKey())) {
                operations.add(m.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** The operation object of {@code "METHOD /path"}, or a missing node. */
    public JsonNode operation(String operation) {
        int space = operation.indexOf(' ');
        return document.path("paths").path(operation.substring(space + 1))
                .path(operation.substring(0, space).toLowerCase(Locale.ROOT));
    }

    /**
     * Where the document breaks the OpenAPI 3.1 schema, and every local {@code $ref} that points at nothing (the
     * schema checks that a reference is a URI reference, not that it resolves).
     */
    public List<String> schemaViolations() {
        List<String> violations = new ArrayList<>();
        for (ValidationMessage message : oas31().validate(document)) {
            violations.add(message.getMessage());
        }
        danglingReferences(document, "", violations);
        return violations;
    }

    private void danglingReferences(JsonNode node, String at, List<String> violations) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")
                    && document.at(ref.asText().substring(1)).isMissingNode()) {
                violations.add(at + ": $ref " + ref.asText() + " points at nothing in the document");
            }
            node.properties().forEach(f -> danglingReferences(f.getValue(), at + "/" + f.getKey(), violations));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                danglingReferences(node.get(i), at + "/" + i, violations);
            }
        }
    }

    /**
     * What is missing from the document's info: a title and a description of the service's own (not springdoc's
     * defaults), the platform's version (a release number, not a placeholder the build did not fill in), and a
     * description that says how to get a token (the token issuer's {@code /oauth2/token}) and where the documentation
     * is ({@code docs/security.md}).
     */
    public List<String> infoProblems() {
        List<String> problems = new ArrayList<>();
        JsonNode info = document.path("info");
        String title = info.path("title").asText("");
        String version = info.path("version").asText("");
        String description = info.path("description").asText("");
        if (title.isBlank() || SPRINGDOC_DEFAULTS.contains(title)) {
            problems.add("info.title is '" + title + "': name the service's API (petition-bridge.api.title)");
        }
        if (!VERSION.matcher(version).matches()) {
            problems.add("info.version is '" + version + "': expected the platform's version, e.g. 0.1.0-SNAPSHOT");
        }
        if (description.isBlank()) {
            problems.add("info.description is empty: say what the service does (petition-bridge.api.description)");
        } else {
            if (!description.contains("/oauth2/token")) {
                problems.add("info.description does not say how to get a token (the token issuer's /oauth2/token)");
            }
            if (!description.contains("docs/security.md")) {
                problems.add("info.description does not say where the documentation is (docs/security.md)");
            }
        }
        return problems;
    }

    /**
     * Every operation that breaks the platform's rule about tokens. The given operations need no token: they must
     * exist and require no security. Every other operation must require a bearer-token scheme of the document and
     * declare 401, 403 and 429 as {@value #PROBLEM_JSON} of the {@value #PROBLEM_SCHEMA} schema, which must
     * describe the platform's problem details.
     */
    public List<String> securityProblems(Set<String> publicOperations) {
        List<String> problems = new ArrayList<>();
        Set<String> operations = operations();
        for (String open : publicOperations) {
            if (!operations.contains(open)) {
                problems.add(open + ": expected as a public operation but not in the document");
            }
        }
        Set<String> bearerSchemes = bearerSchemes();
        if (bearerSchemes.isEmpty()) {
            problems.add("components.securitySchemes has no HTTP bearer scheme");
        }
        problems.addAll(problemSchemaProblems());
        for (String operation : operations) {
            JsonNode security = effectiveSecurity(operation(operation));
            // Every operation may be refused at the door: too busy, or the database unreachable.
            problems.addAll(missingProblemResponses(operation, "503"));
            if (operation(operation).path("responses").path("503").path("headers").path("Retry-After").isMissingNode()) {
                problems.add(operation + ": its 503 does not declare the Retry-After header");
            }
            if (publicOperations.contains(operation)) {
                if (!requiresNothing(security)) {
                    problems.add(operation + ": public, but requires " + security);
                }
                continue;
            }
            if (!requiresBearer(security, bearerSchemes)) {
                problems.add(operation + ": needs a token but does not require the bearer scheme (security: "
                        + security + ")");
            }
            problems.addAll(missingProblemResponses(operation, "401", "403", "429"));
        }
        return problems;
    }

    /**
     * The given answers the operation does not declare as {@value #PROBLEM_JSON} referring to the
     * {@value #PROBLEM_SCHEMA} schema (e.g. a public rate-limited operation's 429).
     */
    public List<String> missingProblemResponses(String operation, String... statuses) {
        List<String> problems = new ArrayList<>();
        JsonNode responses = operation(operation).path("responses");
        for (String status : statuses) {
            JsonNode response = responses.path(status);
            if (response.isMissingNode()) {
                problems.add(operation + ": declares no " + status);
                continue;
            }
            String ref = response.path("content").path(PROBLEM_JSON).path("schema").path("$ref").asText("");
            if (!ref.equals("#/components/schemas/" + PROBLEM_SCHEMA)) {
                problems.add(operation + ": its " + status + " is not " + PROBLEM_JSON + " of " + PROBLEM_SCHEMA
                        + " (" + response.path("content") + ")");
            }
        }
        return problems;
    }

    private List<String> problemSchemaProblems() {
        List<String> problems = new ArrayList<>();
        JsonNode schema = document.path("components").path("schemas").path(PROBLEM_SCHEMA);
        if (schema.isMissingNode()) {
            problems.add("components.schemas has no " + PROBLEM_SCHEMA);
            return problems;
        }
        for (String member : List.of("type", "title", "status", "detail", "instance", "errors", "rule")) {
            if (schema.path("properties").path(member).isMissingNode()) {
                problems.add(PROBLEM_SCHEMA + " does not describe the member " + member);
            }
        }
        return problems;
    }

    private Set<String> bearerSchemes() {
        Set<String> names = new TreeSet<>();
        document.path("components").path("securitySchemes").properties().forEach(s -> {
            if ("http".equals(s.getValue().path("type").asText())
                    && "bearer".equalsIgnoreCase(s.getValue().path("scheme").asText())) {
                names.add(s.getKey());
            }
        });
        return names;
    }

    /** The operation's own security requirements, or the document's when it has none of its own. */
    private JsonNode effectiveSecurity(JsonNode operation) {
        return operation.has("security") ? operation.get("security") : document.path("security");
    }

    /** No requirement, or an empty one (an empty object in the list means "no token needed" as well). */
    private static boolean requiresNothing(JsonNode security) {
        if (security.isMissingNode() || security.isNull() || security.isEmpty()) {
            return true;
        }
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Every alternative requirement names a bearer scheme (so that no alternative lets a caller in without it). */
    private static boolean requiresBearer(JsonNode security, Set<String> bearerSchemes) {
        if (!security.isArray() || security.isEmpty()) {
            return false;
        }
        for (JsonNode requirement : security) {
            boolean bearer = false;
            Iterator<String> names = requirement.fieldNames();
            while (names.hasNext()) {
                bearer |= bearerSchemes.contains(names.next());
            }
            if (!bearer) {
                return false;
            }
        }
        return true;
    }

    private static JsonSchema oas31() {
        JsonSchema schema = oas31;
        if (schema == null) {
            try (InputStream in = ApiDocument.class.getClassLoader().getResourceAsStream(OAS_31_SCHEMA)) {
                if (in == null) {
                    throw new IllegalStateException(OAS_31_SCHEMA + " is not on the classpath");
                }
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
                schema.initializeValidators();
                oas31 = schema;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }
}
