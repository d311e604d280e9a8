package org.petitionbridge.issuer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls to a running issuer. */
final class IssuerHttp {

    record Response(int status, JsonNode json, String body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    IssuerHttp(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    /** POST /oauth2/token authenticating with client_secret_basic. */
    Response tokenBasic(String clientId, String secret, String... form) {
        String credentials = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return post("/oauth2/token", "Basic " + credentials, form(form));
    }

    /** POST /oauth2/token authenticating with client_secret_post. */
    Response tokenPost(String clientId, String secret, String... form) {
        Map<String, String> fields = form(form);
        fields.put("client_id", clientId);
        fields.put("client_secret", secret);
        return post("/oauth2/token", null, fields);
    }

    /** The access token of a client-credentials grant for the client (secret {@code <id>-secret}); asserts 200. */
    String accessToken(String clientId) {
        Response response = tokenBasic(clientId, clientId + "-secret", "grant_type", "client_credentials");
        if (response.status() != 200) {
            throw new AssertionError("token for " + clientId + ": HTTP " + response.status() + " " + response.body());
        }
        return response.json().get("access_token").asString();
    }

    Response post(String path, String authorization, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    Response get(String path) {
        return get(path, null);
    }

    Response get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = null;
            if (body != null && body.startsWith("{")) {
                json = JSON.readTree(body);
            }
            return new Response(response.statusCode(), json, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The decoded JSON of a part of a JWT (0 = header, 1 = payload), without verifying anything. */
    static JsonNode jwtPart(String jwt, int part) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]));
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
