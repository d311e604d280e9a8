package org.petitionbridge.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.petitionbridge.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEMO ONLY: stands in for a department's own system in the walkthrough. It accepts webhooks on any path
 * (e.g. {@code http://localhost:8099/hooks/rsj}) and lists what it received at {@code GET /received}. It keeps
 * the last 200 deliveries in memory and verifies nothing; a real receiver checks the webhook-signature.
 */
final class DemoReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoReceiver.class);
    private final HttpServer server;
    private final List<Map<String, Object>> received = new ArrayList<>();

    DemoReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                if ("GET".equals(exchange.getRequestMethod()) && "/received".equals(exchange.getRequestURI().getPath())) {
                    byte[] body;
                    synchronized (received) {
                        body = EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(received);
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                    return;
                }
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("receivedAt", Instant.now().toString());
                entry.put("path", exchange.getRequestURI().getPath());
                entry.put("webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"));
                entry.put("webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"));
                entry.put("webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature"));
                entry.put("traceparent", exchange.getRequestHeaders().getFirst("traceparent"));
                entry.put("body", EventCodec.mapper().readTree(body));
                synchronized (received) {
                    received.add(entry);
                    if (received.size() > 200) {
                        received.remove(0);
                    }
                }
                log.info("Demo receiver: webhook {} arrived at {} (traceparent {})", entry.get("webhook-id"),
                        entry.get("path"), entry.get("traceparent"));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
