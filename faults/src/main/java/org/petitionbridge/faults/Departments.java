package org.petitionbridge.faults;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.kafka.SingleNodeKafka;
import tools.jackson.databind.JsonNode;

/**
 * A webhook receiver for each department, each on a port of its own, recording every request that reaches it
 * (answered 204). A receiver can be taken down (its port refuses connections, as a department's server that is off
 * does) and brought back on the same port.
 */
final class Departments implements AutoCloseable {

    /** One webhook as it arrived: the department, the webhook-id header and the event it carries. */
    record Arrival(String department, String webhookId, String eventId, String type, String subject, String status,
            long nanos) {
    }

    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    Departments(List<String> departments) throws IOException {
        for (String department : departments) {
            ports.put(department, SingleNodeKafka.freePort());
            up(department);
        }
    }

    String url(String department) {
        return "http://localhost:" + ports.get(department) + "/hooks/" + department.toLowerCase();
    }

    synchronized void up(String department) throws IOException {
        if (servers.containsKey(department)) {
            return;
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", ports.get(department)), 100);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                JsonNode event = EventCodec.mapper().readTree(body);
                JsonNode data = event.path("data");
                arrivals.add(new Arrival(department, exchange.getRequestHeaders().getFirst("webhook-id"),
                        event.path("id").asString(""), event.path("type").asString(""),
                        event.path("subject").asString(data.path("petitionNo").asString("")),
                        data.path("status").asString(""), now));
                exchange.sendResponseHeaders(204, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            }
            exchange.close();
        });
        server.start();
        servers.put(department, server);
    }

    synchronized void down(String department) {
        HttpServer server = servers.remove(department);
        if (server != null) {
            server.stop(0);
        }
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(s -> s.stop(0));
        servers.clear();
        executor.shutdownNow();
    }
}
