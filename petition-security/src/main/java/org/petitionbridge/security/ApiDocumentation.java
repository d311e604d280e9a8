package org.petitionbridge.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.petitionbridge.security.EndpointRules.PublicEndpoint;
import org.petitionbridge.service.problems.Problems;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What every service's OpenAPI document ({@code /v3/api-docs}) says the same way: its title, version and
 * description ({@code petition-bridge.api.*}: each service names its own API in its configuration file, the version
 * is the platform's), the bearer token, and the answers every caller must expect.
 * <p>
 * Which operations need a token is taken from the same list the filter chain permits without one
 * ({@link PetitionBridgeSecurity#ALWAYS_PUBLIC} and the service's {@link EndpointRules#publicEndpoints()}), so the
 * document and the security configuration cannot disagree. Every other operation requires the bearer scheme and
 * declares 401, 403 and 429; an operation without a token that is rate-limited ({@link RateLimits}) declares 429;
 * every operation declares 503 with {@code Retry-After} (overloaded, or the database unreachable).
 * These answers are problem details ({@code application/problem+json}) described by one schema,
 * {@value #PROBLEM_SCHEMA}, which every operation's own error answers refer to as well.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiDocumentation.Settings.class)
public class ApiDocumentation {

    /** The name of the bearer-token security scheme in the document's components. */
    public static final String SECURITY_SCHEME = "bearer";
    /** The name of the problem-details schema in the document's components. */
    public static final String PROBLEM_SCHEMA = "ProblemDetail";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /**
     * The document's title, version and description. Each service sets the title and the description in its own
     * configuration file; the version is the platform's (service-common.yml, filled in by the build).
     */
    @ConfigurationProperties("petition-bridge.api")
    public record Settings(String title, String version, String description) {
        public Settings {
            require(title, "title", "the name of the service's API, in words a department's developer understands");
            require(version, "version", "the platform's version (service-common.yml)");
            require(description, "description", "what the service does, who calls it, how to get a token, "
                    + "where the documentation is");
        }

        private static void require(String value, String name, String what) {
            if (value == null || value.isBlank() || value.startsWith("@")) {
                throw new IllegalArgumentException("petition-bridge.api." + name + " is not set: " + what);
            }
        }
    }

    @Bean
    OpenApiCustomizer petitionBridgeApiDocument(Settings settings, EndpointRules rules, RateLimits.Settings limits) {
        List<PublicEndpoint> open = new ArrayList<>(PetitionBridgeSecurity.ALWAYS_PUBLIC);
        open.addAll(rules.publicEndpoints());
        return new DocumentCustomizer(settings, open, limits.rateLimits());
    }

    /** Applies the shared parts to the document springdoc made from the controllers. */
    static final class DocumentCustomizer implements OpenApiCustomizer {

        private final Settings settings;
        private final List<PublicEndpoint> publicEndpoints;
        private final List<RateLimits.Limit> limits;

        DocumentCustomizer(Settings settings, List<PublicEndpoint> publicEndpoints, List<RateLimits.Limit> limits) {
            this.settings = settings;
            this.publicEndpoints = List.copyOf(publicEndpoints);
            this.limits = List.copyOf(limits);
        }

        @Override
        public void customise(OpenAPI api) {
            api.setInfo(new Info().title(settings.title()).version(settings.version())
                    .description(settings.description()));
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("An access token (a JWT) of the platform's token issuer, obtained with the "
                            + "client credentials grant (docs/security.md, \"Tokens\"), sent as "
                            + "'Authorization: Bearer <token>'"));
            api.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            // Each operation says whether it needs a token: none for the public ones, the bearer scheme otherwise.
            api.setSecurity(null);
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                RateLimits.Limit limit = limitOf(method, path);
                header(answer(operation, "503", "Too busy just now (more requests in flight than the service answers "
                        + "at once), or the service cannot reach its database: nothing was done; send the request "
                        + "again after the seconds of the Retry-After header, with the same Idempotency-Key if it "
                        + "registers something (docs/reliability.md)"), "Retry-After",
                        "Seconds to wait before trying again", "integer");
                if (isPublic(method, path)) {
                    operation.setSecurity(null);
                    if (limit != null) {
                        tooManyRequests(operation, limit);
                    }
                } else {
                    operation.setSecurity(List.of(new SecurityRequirement().addList(SECURITY_SCHEME)));
                    header(answer(operation, "401", "No bearer token, or the token was refused (expired, not signed "
                            + "by the platform's token issuer, issued for another audience, altered, or its roles and "
                            + "department disagree): get a token from the token issuer and send it as "
                            + "'Authorization: Bearer <token>'"), "WWW-Authenticate", "The bearer challenge (RFC 6750)",
                            "string");
                    answer(operation, "403", "The token's roles do not allow this operation (docs/security.md lists "
                            + "which role may call which endpoint), or a rule refuses the caller this action (named "
                            + "under rule)");
                    tooManyRequests(operation, limit);
                }
            }));
        }

        private void tooManyRequests(Operation operation, RateLimits.Limit limit) {
            String description = limit == null
                    ? "Over a rate limit of the platform (docs/security.md, \"Rate limits\"): nothing was done; "
                            + "retry after the seconds of the Retry-After header"
                    : "More than " + limit.limit() + " requests in " + describe(limit.period()) + " from one "
                            + (limit.per() == RateLimits.Key.CLIENT ? "client (the token's subject)" : "client address")
                            + " (limit " + limit.name() + "): nothing was done; retry after the seconds of the "
                            + "Retry-After header";
            header(answer(operation, "429", description), "Retry-After", "Seconds to wait before trying again",
                    "integer");
        }

        /**
         * The operation's answer of the status, added with the description if the controller declares none; it is
         * problem details in either case.
         */
        private static ApiResponse answer(Operation operation, String status, String description) {
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            ApiResponse response = operation.getResponses().get(status);
            if (response == null) {
                response = new ApiResponse().description(description);
                operation.getResponses().addApiResponse(status, response);
            }
            if (response.getContent() == null) {
                response.setContent(new Content());
            }
            response.getContent().putIfAbsent(PROBLEM_JSON,
                    new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
            return response;
        }

        /** Adds the header to the answer unless the controller describes it already. */
        private static void header(ApiResponse response, String name, String description, String type) {
            if (response.getHeaders() == null) {
                response.setHeaders(new LinkedHashMap<>());
            }
            response.getHeaders().putIfAbsent(name,
                    new Header().description(description).schema(new JsonSchema().typesItem(type)));
        }

        private boolean isPublic(PathItem.HttpMethod method, String path) {
            for (PublicEndpoint endpoint : publicEndpoints) {
                if ((endpoint.method() == null || endpoint.method().name().equals(method.name()))
                        && matches(endpoint.path(), path)) {
                    return true;
                }
            }
            return false;
        }

        private RateLimits.Limit limitOf(PathItem.HttpMethod method, String path) {
            for (RateLimits.Limit limit : limits) {
                if ((limit.method() == null || limit.method().toUpperCase(Locale.ROOT).equals(method.name()))
                        && matches(limit.path(), path)) {
                    return limit;
                }
            }
            return null;
        }

        /** Whether the request pattern matches the document's path template ({@code {petitionNo}} is one segment). */
        private static boolean matches(String pattern, String template) {
            return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(template));
        }

        private static String describe(Duration period) {
            return period.toMillis() % 1000 == 0 ? period.toSeconds() + " s" : period.toMillis() + " ms";
        }
    }

    /** The platform's problem details ({@code Problems}, {@code ProblemDetailsAdvice}), as JSON Schema. */
    static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string("The kind of problem: " + Problems.TYPE_BASE + "<kind>, e.g. invalid-request, "
                + "unauthenticated, forbidden, not-found, rate-limited, or the name of the rule that refused the "
                + "request").format("uri"));
        properties.put("title", string("A short summary of the kind of problem"));
        properties.put("status", new JsonSchema().typesItem("integer").format("int32")
                .description("The HTTP status of the answer"));
        properties.put("detail", string("What is wrong with this request, in words a department's developer can act "
                + "on; it never repeats a submitted value"));
        properties.put("instance", string("The request the problem is about, when known").format("uri-reference"));
        Map<String, Schema> field = new LinkedHashMap<>();
        field.put("field", string("The JSON path of the field, e.g. petitioners[0].idNumber, or the parameter"));
        field.put("message", string("What is wrong with it"));
        properties.put("errors", new JsonSchema().typesItem("array")
                .description("400 only: every invalid field of the request")
                .items(new JsonSchema().typesItem("object").properties(field).required(List.of("field", "message"))));
        properties.put("rule", string("Refusals by a rule (403, 409, 422): the rule's name, e.g. case-not-assignable"));
        properties.put("limit", string("429 only: the rate limit that refused the request, e.g. submissions"));
        return new JsonSchema().typesItem("object").properties(properties).required(List.of("title", "status"))
                .description("An error answer: RFC 9457 problem details, media type application/problem+json");
    }

    private static Schema<?> string(String description) {
        return new JsonSchema().typesItem("string").description(description);
    }
}
