package org.petitionbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.petitionbridge.events.EventCodec;
import tools.jackson.databind.JsonNode;

/** Requests to a service under test on localhost, the same way in every module. */
public final class TestHttp {

    public static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {
    }

    /**
     * Sends a request and returns the answer as text. Any of {@code body} (then {@code contentType} applies),
     * {@code authorization} (the whole header value, e.g. {@code Bearer <token>}) and {@code accept} may be null.
     */
    public static HttpResponse<String> send(int port, String method, String path, String contentType, String body,
            String authorization, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType == null ? "application/json" : contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer's body as JSON. */
    public static JsonNode json(String body) {
        return EventCodec.mapper().readTree(body);
    }
}
