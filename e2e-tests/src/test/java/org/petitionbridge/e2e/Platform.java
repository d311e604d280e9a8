package org.petitionbridge.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.petitionbridge.events.EventCodec;
import tools.jackson.databind.JsonNode;

/** The four services' REST APIs as a department's developer calls them, over real HTTP. */
final class Platform {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String intake;
    final String routing;
    final String ledger;
    final String notify;

    Platform(String intake, String routing, String ledger, String notify) {
        this.intake = intake;
        this.routing = routing;
        this.ledger = ledger;
        this.notify = notify;
    }

    static HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String body) {
        return EventCodec.mapper().readTree(body);
    }
}
