package org.petitionbridge.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.petitionbridge.events.EventCodec;

/**
 * An access token of a demo client (secret {@code <client>-secret}, DEMO) from the stack's token issuer: the one
 * token request of the benchmark, the fault run and the end-to-end tests.
 */
public final class IssuerTokens {

    private IssuerTokens() {
    }

    public static String clientCredentials(HttpClient http, String issuerUri, String client) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(issuerUri + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (client + ":" + client + "-secret").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the token issuer refused " + client + ": " + r.body());
        }
        return EventCodec.mapper().readTree(r.body()).get("access_token").asString();
    }
}
