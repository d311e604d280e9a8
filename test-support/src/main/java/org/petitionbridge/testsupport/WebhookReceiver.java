package org.petitionbridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on loopback that records every request it receives, as a department's system would. */
public final class WebhookReceiver implements AutoCloseable {

    /** One received request: path, headers (lower-case names) and body. */
    public record Delivery(String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile IntSupplier status = () -> 204;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
            int code = status.getAsInt();
            if (code >= 200 && code < 300) {
                deliveries.add(new Delivery(exchange.getRequestURI().getPath(), headers,
                        new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL of a path on this receiver, e.g. {@code url("/hooks/rsj")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What the receiver answers from now on (default 204). */
    public void answer(IntSupplier status) {
        this.status = status;
    }

    /** Requests answered with a 2xx. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Every request, whatever it was answered. */
    public int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
