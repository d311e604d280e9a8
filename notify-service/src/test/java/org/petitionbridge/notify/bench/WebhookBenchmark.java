package org.petitionbridge.notify.bench;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.Topics;
import org.petitionbridge.notify.NotifyApplication;
import org.petitionbridge.testsupport.TestDatabase;
import org.petitionbridge.testsupport.TestTokens;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * Not a test: measures webhook deliveries per second to a local receiver, and the delay from an event's time on
 * Kafka (its CloudEvents time, set as it is sent) to its webhook arriving. Starts an embedded PostgreSQL, a KRaft
 * broker, notify-service (checking tokens of the test token issuer, {@link TestTokens}) and a receiver on loopback,
 * prints the figures, asserts nothing, stops everything.
 *
 * <pre>
 * ./mvnw -q -pl notify-service test-compile exec:java \
 *     -Dexec.mainClass=org.petitionbridge.notify.bench.WebhookBenchmark -Dexec.classpathScope=test
 * </pre>
 * Optional system properties: {@code bench.burst} (events in the burst, default 3000), {@code bench.rate} (events
 * per second in the second steady phase, default 100; the first runs at half that), {@code bench.seconds} (the
 * length of each steady phase, default 10), {@code bench.departments} (the subscribed departments, comma-separated,
 * default RSJ,ZJJ,MZJ,YBJ; {@code -Dbench.departments=RSJ} sends every webhook to one endpoint, as the bureau's
 * endpoint receives every event of the county).
 */
public final class WebhookBenchmark {

    /** The subscribed departments, one endpoint each; one alone is the bureau's case, an endpoint that hears all. */
    private static final List<String> DEPARTMENTS = List.of(System.getProperty("bench.departments", "RSJ,ZJJ,MZJ,YBJ")
            .split(","));

    private final Map<String, Long> arrivalDelayMicros = new ConcurrentHashMap<>();
    private final AtomicLong lastArrivalNanos = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis() % 100_000);
    private int sequence;
    private JdbcClient jdbc;

    public static void main(String[] args) throws Exception {
        int burst = Integer.getInteger("bench.burst", 3000);
        int rate = Integer.getInteger("bench.rate", 100);
        int seconds = Integer.getInteger("bench.seconds", 10);
        new WebhookBenchmark().run(burst, rate, seconds);
    }

    private void run(int burst, int rate, int seconds) throws Exception {
        // Quiet: the figures are what this prints.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String jdbcUrl = TestDatabase.jdbcUrl("notify_bench");
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, Topics.ALL.toArray(String[]::new));
        broker.afterPropertiesSet();
        ExecutorService receiverThreads = Executors.newFixedThreadPool(8);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/", exchange -> {
            long now = System.nanoTime();
            Instant arrived = Instant.now();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode event = EventCodec.mapper().readTree(body);
            long micros = Duration.between(Instant.parse(event.get("time").asString()), arrived).toNanos() / 1000;
            arrivalDelayMicros.putIfAbsent(event.get("id").asString(), micros);
            lastArrivalNanos.accumulateAndGet(now, Math::max);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        ConfigurableApplicationContext notify = null;
        KafkaProducer<String, byte[]> producer = null;
        try {
            notify = NotifyApplication.builder().registerShutdownHook(false).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=",
                    "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                    "--petition-bridge.notify.allowed-hosts=127.0.0.1",
                    "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestTokens.get().jwkSetUri(),
                    "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                    "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestTokens.AUDIENCE,
                    "--management.metrics.use-global-registry=false",
                    "--spring.jmx.enabled=false",
                    "--logging.level.root=WARN");
            int port = Integer.parseInt(notify.getEnvironment().getProperty("local.server.port"));
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
            HttpClient http = HttpClient.newHttpClient();
            for (String department : DEPARTMENTS) {
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/subscriptions"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", TestTokens.get().bearer(department))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + hook + department + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (created.statusCode() != 201) {
                    throw new IllegalStateException("could not subscribe " + department + ": " + created.body());
                }
            }
            producer = producer(broker.getBrokersAsString());

            System.out.println("notify-service webhook benchmark: 1 broker (3 partitions), embedded PostgreSQL, "
                    + "1 receiver on loopback, " + DEPARTMENTS.size() + " subscribed departments, "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            jdbc = notify.getBean(JdbcClient.class);
            phase("warm-up", producer, 300, 0, Duration.ofSeconds(60), false);
            phase("burst", producer, burst, 0, Duration.ofSeconds(90), true);
            phase("steady", producer, rate / 2 * seconds, rate / 2, Duration.ofSeconds(seconds + 60L), true);
            phase("steady", producer, rate * seconds, rate, Duration.ofSeconds(seconds + 60L), true);
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            if (notify != null) {
                notify.close();
            }
            receiver.stop(0);
            receiverThreads.shutdownNow();
            broker.destroy();
        }
        System.exit(0);   // the embedded PostgreSQL stops in its shutdown hook
    }

    /**
     * Sends {@code count} status events, each for a new case assigned to one of the subscribed departments (one
     * webhook each), all at once ({@code rate} 0) or at a steady rate; waits until every webhook arrived.
     */
    private void phase(String name, KafkaProducer<String, byte[]> producer, int count, int rate, Duration timeout,
            boolean print) throws Exception {
        arrivalDelayMicros.clear();
        Instant phaseStart = Instant.now();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = start + TimeUnit.SECONDS.toNanos(i) / rate;
                while (System.nanoTime() < due) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(due - System.nanoTime(), 1_000_000));
                }
            }
            String petitionNo = "XF990101-2026%s-%06d".formatted(run, ++sequence);
            String lead = DEPARTMENTS.get(i % DEPARTMENTS.size());
            CaseStatusChanged status = new CaseStatusChanged(petitionNo, "ASSIGNED", "REGISTERED", "ROUTED", null,
                    lead, List.of(), "WAGE_ARREARS", "CLAIM", "990101002001", null, Instant.now(),
                    Map.of("acknowledge", LocalDate.parse("2026-12-11")), null);
            CloudEvent ce = CloudEvent.create("/bench", CaseStatusChanged.TYPE, petitionNo, Instant.now());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.STATUS, petitionNo,
                    EventCodec.toJson(status));
            ce.toHeaders().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record);
        }
        producer.flush();
        long sent = System.nanoTime();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivalDelayMicros.size() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        if (!print) {
            return;
        }
        int arrived = arrivalDelayMicros.size();
        double elapsed = (lastArrivalNanos.get() - start) / 1e9;
        List<Long> delays = new ArrayList<>(arrivalDelayMicros.values());
        Collections.sort(delays);
        System.out.printf("%-7s %5d events%s: %d webhooks arrived in %.2f s (sending took %.2f s) -> %.0f deliveries/s;"
                        + " delay Kafka->webhook p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                name, count, rate > 0 ? " at " + rate + "/s" : " at once", arrived, elapsed, (sent - start) / 1e9,
                arrived / elapsed, percentile(delays, 0.50), percentile(delays, 0.99),
                delays.isEmpty() ? 0 : delays.get(delays.size() - 1) / 1000.0);
        // Where the time went: planning (Kafka consumer -> delivery rows) and dispatching (rows -> 2xx).
        jdbc.sql("""
                select count(*) as n, extract(epoch from max(created_at) - :start) as planned,
                    extract(epoch from max(delivered_at) - :start) as delivered,
                    percentile_cont(0.99) within group (order by extract(epoch from delivered_at - created_at)) as p99
                from delivery where created_at >= :start""")
                .param("start", java.sql.Timestamp.from(phaseStart))
                .query((rs, i) -> {
                    System.out.printf("        planning: %d delivery rows, the last planned after %.2f s (%.0f/s);"
                                    + " planned -> delivered p99 %.1f ms%n", rs.getLong("n"), rs.getDouble("planned"),
                            rs.getLong("n") / rs.getDouble("planned"), rs.getDouble("p99") * 1000);
                    return 0;
                }).list();
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
    }

    private static KafkaProducer<String, byte[]> producer(String brokers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(props);
    }
}
