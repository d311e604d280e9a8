package org.petitionbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.junit.jupiter.api.Test;
import org.petitionbridge.security.EndpointRules.PublicEndpoint;

/** What the shared customizer makes of a service's API document, in milliseconds and without Spring. */
class ApiDocumentationTest {

    private static final ApiDocumentation.Settings SETTINGS = new ApiDocumentation.Settings("petition-bridge example",
            "0.1.0", "What the example does; tokens from /oauth2/token; docs/security.md");
    private static final RateLimits.Limit PROGRESS_LIMIT = new RateLimits.Limit("progress", "GET",
            "/api/v1/progress/**", RateLimits.Key.ADDRESS, 30, Duration.ofMinutes(1));

    @Test
    void theDocumentIsNamedAfterTheServicesSettings() {
        OpenAPI api = customised(List.of(), List.of());

        assertThat(api.getInfo().getTitle()).isEqualTo("petition-bridge example");
        assertThat(api.getInfo().getVersion()).isEqualTo("0.1.0");
        assertThat(api.getInfo().getDescription()).startsWith("What the example does");
        assertThat(api.getComponents().getSecuritySchemes().get("bearer").getBearerFormat()).isEqualTo("JWT");
        assertThat(api.getComponents().getSchemas().get("ProblemDetail").getProperties())
                .containsKeys("type", "title", "status", "detail", "instance", "errors", "rule", "limit");
    }

    @Test
    void aServiceThatDoesNotNameItsApiDoesNotStart() {
        assertThatThrownBy(() -> new ApiDocumentation.Settings(null, "0.1.0", "described"))
                .hasMessageContaining("petition-bridge.api.title");
        assertThatThrownBy(() -> new ApiDocumentation.Settings("named", "@project.version@", "described"))
                .hasMessageContaining("petition-bridge.api.version");
        assertThatThrownBy(() -> new ApiDocumentation.Settings("named", "0.1.0", " "))
                .hasMessageContaining("petition-bridge.api.description");
    }

    @Test
    void aSecuredOperationRequiresTheBearerTokenAndDeclaresItsRefusals() {
        OpenAPI api = customised(List.of(), List.of());
        Operation cases = api.getPaths().get("/api/v1/cases/{petitionNo}").getGet();

        assertThat(api.getSecurity()).isNull();
        assertThat(cases.getSecurity()).containsExactly(new SecurityRequirement().addList("bearer"));
        assertThat(cases.getResponses()).containsKeys("200", "401", "403", "429", "503");
        for (String status : List.of("401", "403", "429")) {
            assertThat(cases.getResponses().get(status).getContent().get("application/problem+json").getSchema()
                    .get$ref()).isEqualTo("#/components/schemas/ProblemDetail");
        }
        assertThat(cases.getResponses().get("401").getHeaders()).containsKey("WWW-Authenticate");
        assertThat(cases.getResponses().get("429").getHeaders()).containsKey("Retry-After");
    }

    @Test
    void whatTheControllerSaysAboutARefusalIsKept() {
        OpenAPI api = customised(List.of(), List.of());
        ApiResponse forbidden = api.getPaths().get("/api/v1/cases/{petitionNo}").getGet().getResponses().get("403");

        assertThat(forbidden.getDescription()).isEqualTo("Only BUREAU");
        assertThat(forbidden.getContent()).containsKey("application/problem+json");
    }

    @Test
    void aPublicOperationRequiresNothingAndDeclaresItsRateLimit() {
        OpenAPI api = customised(List.of(PublicEndpoint.get("/api/v1/progress/*")), List.of(PROGRESS_LIMIT));
        Operation progress = api.getPaths().get("/api/v1/progress/{petitionNo}").getGet();

        assertThat(progress.getSecurity()).isNull();
        // Public or not, every operation may be answered 503 at the door (too busy, or no database).
        assertThat(progress.getResponses()).containsOnlyKeys("200", "429", "503");
        assertThat(progress.getResponses().get("503").getHeaders()).containsKey("Retry-After");
        assertThat(progress.getResponses().get("429").getDescription())
                .contains("More than 30 requests in 60 s from one client address (limit progress)");
    }

    @Test
    void aPublicPathIsPublicForItsMethodOnly() {
        OpenAPI api = customised(List.of(new PublicEndpoint(org.springframework.http.HttpMethod.POST,
                "/api/v1/progress/*")), List.of());

        assertThat(api.getPaths().get("/api/v1/progress/{petitionNo}").getGet().getSecurity()).isNotEmpty();
    }

    private static OpenAPI customised(List<PublicEndpoint> open, List<RateLimits.Limit> limits) {
        OpenAPI api = new OpenAPI().paths(new Paths()
                .addPathItem("/api/v1/cases/{petitionNo}", new PathItem().get(new Operation().responses(
                        new ApiResponses().addApiResponse("200", new ApiResponse().description("The case"))
                                .addApiResponse("403", new ApiResponse().description("Only BUREAU")))))
                .addPathItem("/api/v1/progress/{petitionNo}", new PathItem().get(new Operation().responses(
                        new ApiResponses().addApiResponse("200", new ApiResponse().description("The progress"))))));
        api.addSecurityItem(new SecurityRequirement().addList("bearer"));
        List<PublicEndpoint> publicEndpoints = new ArrayList<>(PetitionBridgeSecurity.ALWAYS_PUBLIC);
        publicEndpoints.addAll(open);
        new ApiDocumentation.DocumentCustomizer(SETTINGS, publicEndpoints, limits).customise(api);
        return api;
    }
}
