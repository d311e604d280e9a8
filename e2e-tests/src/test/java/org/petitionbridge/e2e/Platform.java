package org.petitionbridge.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.petitionbridge.events.EventCodec;
import org.petitionbridge.localstack.IssuerTokens;
import org.petitionbridge.localstack.LocalStack;
import tools.jackson.databind.JsonNode;

/**
 * The four services' REST APIs as a department's developer calls them, over real HTTP, with tokens from the
 * stack's real token issuer (client credentials: {@code <client>} / {@code <client>-secret}).
 */
final class Platform {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String issuer;
    final String intake;
    final String routing;
    final String ledger;
    final String notify;
    final String risk;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Platform(LocalStack.Options o) {
        this(o.issuerUri(), "http://localhost:" + o.intakePort(), "http://localhost:" + o.routingPort(),
                "http://localhost:" + o.ledgerPort(), "http://localhost:" + o.notifyPort(),
                "http://localhost:" + o.riskPort());
    }

    Platform(String issuer, String intake, String routing, String ledger, String notify, String risk) {
        this.risk = risk;
        this.issuer = issuer;
        this.intake = intake;
        this.routing = routing;
        this.ledger = ledger;
        this.notify = notify;
    }

    /** An access token of a demo client, from the issuer (cached: tokens live an hour). */
    String token(String client) {
        return tokens.computeIfAbsent(client, c -> {
            try {
                return IssuerTokens.clientCredentials(HTTP, issuer, c);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Forgets cached tokens, so that the next call fetches new ones. */
    void forgetTokens() {
        tokens.clear();
    }

    /** A GET with a given bearer token. */
    HttpResponse<String> getWithToken(String token, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The key id ({@code kid}) in a token's header. */
    static String keyId(String token) {
        return json(new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8)).get("kid").asString();
    }

    /** A JSON POST as the client (null: without a token). */
    HttpResponse<String> post(String client, String url, String body) throws Exception {
        return post(client, url, body, java.util.Map.of());
    }

    /** A JSON POST as the client (null: without a token), with more headers. */
    HttpResponse<String> post(String client, String url, String body, java.util.Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (client != null) {
            request.header("Authorization", "Bearer " + token(client));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as the client (null: without a token). */
    HttpResponse<String> get(String client, String url) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (client != null) {
            request.header("Authorization", "Bearer " + token(client));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String body) {
        return EventCodec.mapper().readTree(body);
    }
}
