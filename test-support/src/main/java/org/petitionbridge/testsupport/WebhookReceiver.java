package org.petitionbridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    /** Any received request, whatever it was answered: path, headers (lower-case names), body, the status answered. */
    public record Request(String path, Map<String, List<String>> headers, String body, int status) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch held;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile IntSupplier status = () -> 204;

    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService threads;

    /** A receiver that serves one request at a time (a request held by {@link #hold} holds up the later ones). */
    public WebhookReceiver() {
        this(1);
    }

    /** A receiver that serves up to {@code threads} requests at once (each held by {@link #hold} on its own). */
    public WebhookReceiver(int threads) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.threads = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        server.setExecutor(this.threads);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            open.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
            CountDownLatch hold = held;
            if (hold != null) {
                try {
                    hold.await();   // a slow (or dead) endpoint: no answer until released or closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int code = status.getAsInt();
            requests.add(new Request(exchange.getRequestURI().getPath(), headers,
                    new String(body, StandardCharsets.UTF_8), code));
            if (code >= 200 && code < 300) {
                deliveries.add(new Delivery(exchange.getRequestURI().getPath(), headers,
                        new String(body, StandardCharsets.UTF_8)));
            }
            open.decrementAndGet();
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

    /**
     * From now on, hold every request without answering (a hung endpoint: the sender sees only its own timeout)
     * until {@link #release()} or {@link #close()}. A receiver serving one request at a time holds the later ones
     * unread; one serving several holds each as it arrives ({@link #open}).
     */
    public void hold() {
        held = new CountDownLatch(1);
    }

    /** Answers the held requests (with the current answer) and stops holding. */
    public void release() {
        CountDownLatch hold = held;
        held = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** Every request received so far with the status it was answered, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests answered with a 2xx. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Requests being served now: read and not yet answered (held ones, above all). */
    public int open() {
        return open.get();
    }

    /** Every request, whatever it was answered. */
    public int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
