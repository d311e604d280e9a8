package org.petitionbridge.notify.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.EndpointMatrix;
import org.petitionbridge.testsupport.EndpointMatrix.Access;
import tools.jackson.databind.JsonNode;

/**
 * docs/security.md's notify rows, checked against the service's own OpenAPI document: every operation called with
 * no token, an analyst's, a hotline's, an operator's, another department's, the owning department's, the
 * supervisor's and the bureau's token.
 */
class EndpointAuthorizationTest extends NotifyIntegrationTest {

    private static final String OWNER = "RSJ";
    private static final String OTHER = "YBJ";
    private static final String REDELIVER = "POST /api/v1/deliveries/{id}/redeliver";
    private static final Access DEPARTMENTS = Access.ownObjects(Role.BUREAU, Role.SUPERVISOR, Role.DEPARTMENT);


    private EndpointMatrix matrix(Supplier<String> id) {
        return new EndpointMatrix("http://localhost:" + port)
                .departments(OWNER, OTHER)
                .expect("POST /api/v1/subscriptions", DEPARTMENTS)
                .expect("GET /api/v1/subscriptions", DEPARTMENTS)
                .expect("DELETE /api/v1/subscriptions/{id}", DEPARTMENTS)
                .expect("POST /api/v1/subscriptions/{id}/rotate-secret", DEPARTMENTS)
                .expect("GET /api/v1/feed", DEPARTMENTS)
                .expect("GET /api/v1/deliveries", DEPARTMENTS)
                .expect(REDELIVER, DEPARTMENTS)
                .variable("id", id);
    }

    private String previousFresh;

    /**
     * A new feed-only subscription of the owner, for every call, so that a successful DELETE (the owner's, the
     * bureau's) never leaves a later caller with an ended one. The previous one is ended first, through the API,
     * so that the owner stays below its limit of active subscriptions.
     */
    private String freshSubscription() {
        try {
            if (previousFresh != null) {
                assertThat(delete("/api/v1/subscriptions/" + previousFresh, OWNER).statusCode()).isIn(204, 404);
            }
            previousFresh = subscribe(OWNER, "").get("id").asString();
            return previousFresh;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyEndpointAnswersEveryKindOfCallerAsDocsSecurityMdSays() throws Exception {
        // The owner's objects, made for real: a webhook subscription and a delivery of its case.
        subscribe(OWNER, "\"url\": \"" + receiver.url("/rsj") + "\"");
        String petitionNo = newPetitionNo();
        publish(Events.status(petitionNo, "ASSIGNED", OWNER, List.of(), "WAGE_ARREARS", null));
        JsonNode delivery = await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = get("/api/v1/deliveries?petitionNo=" + petitionNo, OWNER);
            JsonNode list = json(r.body());
            return list.size() == 1 && "DELIVERED".equals(list.get(0).get("status").asString()) ? list.get(0) : null;
        }, d -> d != null);
        String deliveryId = delivery.get("id").asString();

        // The {id} of the subscription operations is a subscription, that of redelivery a delivery. The matrix has
        // one value per variable name, so it runs twice: first with a fresh subscription of the owner (its
        // redelivery lines do not count: a subscription id is no delivery), then with the owner's delivery (only
        // its redelivery lines count). Together they check every operation once, for every caller.
        List<String> violations = new ArrayList<>();
        matrix(this::freshSubscription).check().stream().filter(v -> !v.startsWith(REDELIVER))
                .forEach(violations::add);
        List<String> second = matrix(() -> deliveryId).check();
        second.stream().filter(v -> v.startsWith(REDELIVER)).forEach(violations::add);
        assertThat(violations).isEmpty();
    }

    @Test
    void theApiDocumentAsksForTheBearerTokenAndForNoCallerParameter() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");   // public
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = json(docs.body());
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        List<String> parameters = new ArrayList<>();
        api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            // every notify operation needs the token (ApiDocumentationTest checks the whole document)
            assertThat(op.getValue().path("security").toString()).as(op.getKey() + " " + path.getKey())
                    .contains("bearer");
            if (op.getValue().has("parameters")) {
                op.getValue().get("parameters").forEach(p -> parameters.add(path.getKey() + " " + op.getKey() + " "
                        + p.get("in").asString() + " " + p.get("name").asString()));
            }
        }));
        assertThat(parameters).as("who calls is the token's business, not a parameter's")
                .noneMatch(p -> p.contains(" header ") || p.contains(" cookie ") || p.endsWith(" caller"));
        assertThat(parameters).contains("/api/v1/feed get query after", "/api/v1/subscriptions/{id} delete path id");
    }
}
