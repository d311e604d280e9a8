package org.petitionbridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.petitionbridge.county.CountyReference;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.localstack.LocalStack;
import tools.jackson.databind.JsonNode;

/**
 * Measures the whole platform on this machine against the raw limits of the same broker and database, in the
 * same run: a plain Kafka producer (acks=all) and plain JDBC batched inserts, then intake driven over HTTP at a
 * fixed open-loop rate and then as fast as it will go, timing each petition from its 201 to its case being
 * readable in the ledger (the case's ASSIGNED status event, published only after the ledger committed it) and to
 * the status webhook arriving at a local receiver. Prints one table and writes it as JSON. Asserts nothing.
 */
public final class PipelineBenchmark {

    private static final String[] LEADS = {"ZRZY", "ZJJ", "RSJ", "YBJ", "MZJ", "YJJ", "STHJ", "JYJ", "WJJ", "SJJ",
            "GAJ", "JTJ", "JWJW", "ZFW", "XFJ", "T001", "T002", "T003", "T004", "T005", "T006"};

    record Options(int rate, int seconds, int rawSeconds, int maxSeconds, int concurrency, int warmupSeconds,
            Path out) {
    }

    record PhaseResult(String phase, double offeredRate, double achievedRate, double endToEndRate, long sent,
            long accepted, long repeats, long errors, long reachedLedger, long reachedWebhook,
            Map<String, Double> ledgerMs, Map<String, Double> webhookMs) {
    }

    private final Options options;
    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();
    private final Map<String, Long> ledger = new ConcurrentHashMap<>();
    private final Map<String, Long> webhook = new ConcurrentHashMap<>();
    private final Set<String> repeats = ConcurrentHashMap.newKeySet();
    /** When each petition's event first appeared on each topic: where the time goes, stage by stage. */
    private final Map<String, Map<String, Long>> seen = new ConcurrentHashMap<>();
    private final AtomicBoolean watching = new AtomicBoolean(true);
    private volatile String hotlineToken;
    /** At most this many unanswered submissions in the open loop. */
    private static final int MAX_IN_FLIGHT = 200;
    /** Why submissions failed (HTTP status or exception), printed after the table. */
    private final Map<String, Long> errorKinds = new ConcurrentHashMap<>();

    private PipelineBenchmark(Options options, LocalStack stack) {
        this.options = options;
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Path dataDir = Files.createTempDirectory("petition-bridge-bench");
        System.out.println("Starting the platform (local stack, free ports, data in " + dataDir + ") ...");
        // The benchmark is one intake channel offering far more than a real channel would: lift its rate limit.
        LocalStack stack = LocalStack.start(LocalStack.Options.freePorts(dataDir),
                Map.of("INTAKE_SUBMISSIONS_PER_PERIOD", "1000000"));
        try {
            new PipelineBenchmark(options, stack).run();
        } finally {
            stack.close();
            deleteQuietly(dataDir);
        }
        System.exit(0);
    }

    static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String jdk = "jdk" + Runtime.version().feature();
        return new Options(Integer.parseInt(a.getOrDefault("rate", "100")),
                Integer.parseInt(a.getOrDefault("seconds", "60")), Integer.parseInt(a.getOrDefault("raw-seconds", "15")),
                Integer.parseInt(a.getOrDefault("max-seconds", "60")),
                Integer.parseInt(a.getOrDefault("concurrency", "32")), Integer.parseInt(a.getOrDefault("warmup", "15")),
                Path.of(a.getOrDefault("out", "bench/target/bench-" + jdk + ".json")));
    }

    private void run() throws Exception {
        String sample = new DemoPetitions(CountyReference.demo(), 1).next();
        int eventSize = receivedEventSize();
        double rawKafka = rawKafka(eventSize, options.rawSeconds());
        double rawJdbc = rawJdbc(options.rawSeconds());
        System.out.printf("raw limits: Kafka producer acks=all %.0f records/s (%d-byte records); JDBC batched inserts %.0f rows/s%n",
                rawKafka, eventSize, rawJdbc);

        HttpServer receiver = receiver();
        try {
            hotlineToken = token("hotline"); // a token lives an hour, longer than a run
            subscribeEveryLead("http://localhost:" + receiver.getAddress().getPort() + "/hooks/");
            Thread watcher = new Thread(this::watchLedger, "bench-status-watcher");
            watcher.setDaemon(true);
            watcher.start();

            DemoPetitions petitions = new DemoPetitions(CountyReference.demo(), 42);
            System.out.printf("warm-up: %d s at %d/s (not measured) ...%n", options.warmupSeconds(), options.rate() / 2);
            openLoop(petitions, options.rate() / 2, options.warmupSeconds());
            drain(Duration.ofSeconds(20));
            clear();

            System.out.printf("open loop: %d petitions/s for %d s ...%n", options.rate(), options.seconds());
            PhaseResult open = openLoop(petitions, options.rate(), options.seconds());
            clear();
            System.out.printf("as fast as it goes: %d concurrent clients for %d s ...%n", options.concurrency(),
                    options.maxSeconds());
            PhaseResult max = closedLoop(petitions, options.concurrency(), options.maxSeconds());
            report(List.of(open, max), rawKafka, rawJdbc, eventSize, sample.length());
        } finally {
            watching.set(false);
            receiver.stop(0);
        }
    }

    // --- raw limits ---------------------------------------------------------------------------------------

    private static int receivedEventSize() {
        PetitionReceived event = new PetitionReceived("XF990101-20261126-000123", "VISIT", Instant.now(), Instant.now(),
                "990101002001", "WAGE_ARREARS", "CLAIM", "关于拖欠工资问题的反映",
                "本人反映拖欠工资问题，具体情况如下：具体情况如下：希望有关部门依法依规处理。" + "补充说明。".repeat(20), 1, false,
                List.of(new PetitionReceived.Petitioner("QEmC-g7oD_uduOJzaSHOXzf8LDFt5jNq-r1MpPMnq8w", "张*")), null,
                null, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        return EventCodec.toJson(event).length;
    }

    private double rawKafka(int size, int seconds) throws Exception {
        Properties admin = new Properties();
        admin.put("bootstrap.servers", stack.bootstrapServers());
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic("bench.raw", 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        AtomicLong acked = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            long i = 0;
            while (System.nanoTime() < end) {
                producer.send(new ProducerRecord<>("bench.raw", "XF990101-20261126-" + (i++ % 100000), value),
                        (m, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            }
                        });
            }
            producer.flush();
            return acked.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private double rawJdbc(int seconds) throws Exception {
        String url = stack.jdbcUrl("ledger").replace("/ledger", "/postgres");
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists bench_case");
                // The width of a ledger case: the same columns and typical values.
                s.execute("""
                        create table bench_case (
                        petition_no text primary key, status text, channel text, category text, petition_class text,
                        division_code text, township_code text, subject text, content text, petitioners jsonb,
                        group_size int, is_group boolean, lead text, co_handlers text[], routing_explanation text,
                        received_at timestamptz, assigned_at timestamptz, assign_due date, acknowledge_due date,
                        opened_at timestamptz, updated_at timestamptz)""");
            }
            c.setAutoCommit(false);
            String content = "本人反映拖欠工资问题，具体情况如下：希望有关部门依法依规处理。" + "补充说明。".repeat(20);
            long rows = 0;
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            try (PreparedStatement insert = c.prepareStatement("insert into bench_case values (?, 'ASSIGNED', 'VISIT',"
                    + " 'WAGE_ARREARS', 'CLAIM', '990101002001', '990101002', '关于拖欠工资问题的反映', ?,"
                    + " cast(? as jsonb), 1, false, 'RSJ', ?, '依据规则集 v1：类别\"拖欠工资\"由县人力资源和社会保障局主办',"
                    + " ?, ?, current_date + 15, current_date + 15, ?, ?)")) {
                while (System.nanoTime() < end) {
                    for (int b = 0; b < 500; b++) {
                        Timestamp now = new Timestamp(System.currentTimeMillis());
                        insert.setString(1, "XF990101-20261126-" + rows++);
                        insert.setString(2, content);
                        insert.setString(3, "[{\"pseudonym\":\"QEmC-g7oD_uduOJzaSHOXzf8LDFt5jNq-r1MpPMnq8w\",\"maskedName\":\"张*\"}]");
                        insert.setArray(4, c.createArrayOf("text", new String[] {"T002"}));
                        insert.setTimestamp(5, now);
                        insert.setTimestamp(6, now);
                        insert.setTimestamp(7, now);
                        insert.setTimestamp(8, now);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    c.commit();
                }
            }
            double perSecond = rows / ((System.nanoTime() - start) / 1e9);
            try (Statement s = c.createStatement()) {
                s.execute("drop table bench_case");
            }
            c.commit();
            return perSecond;
        }
    }

    // --- the platform -------------------------------------------------------------------------------------

    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            JsonNode event = EventCodec.mapper().readTree(body);
            JsonNode data = event.path("data");
            if ("ASSIGNED".equals(data.path("status").asString()) || "ASSIGNED".equals(event.path("status").asString())) {
                String no = event.path("subject").asString(data.path("petitionNo").asString());
                webhook.putIfAbsent(no, now);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private void subscribeEveryLead(String base) throws Exception {
        for (String department : LEADS) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + stack.options().notifyPort() + "/api/v1/subscriptions"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token(department.toLowerCase()))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \""
                            + base + department.toLowerCase() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("subscription for " + department + " refused: " + r.body());
            }
        }
    }

    /** An access token of a demo client from the stack's token issuer (client credentials). */
    private String token(String client) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.options().issuerUri() + "/oauth2/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (client + ":" + client + "-secret").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the token issuer refused " + client + ": " + r.body());
        }
        return EventCodec.mapper().readTree(r.body()).get("access_token").asString();
    }

    private void watchLedger() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watcher");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.RECEIVED, Topics.ROUTED, Topics.STATUS));
            while (watching.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    seen.computeIfAbsent(r.topic(), t -> new ConcurrentHashMap<>()).putIfAbsent(r.key(), now);
                    if (!Topics.STATUS.equals(r.topic())) {
                        continue;
                    }
                    // The first status event of a petition: the ledger committed its case (a repeat attached
                    // to an open case included), so the case is readable.
                    ledger.putIfAbsent(r.key(), now);
                }
            }
        }
    }

    private void submit(String body, AtomicLong errors, java.util.concurrent.Semaphore inFlight) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + stack.options().intakePort()
                        + "/api/v1/petitions")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + hotlineToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            long now = System.nanoTime();
            if (e == null && r.statusCode() == 201) {
                JsonNode answer = EventCodec.mapper().readTree(r.body());
                String no = answer.get("petitionNo").asString();
                if (!answer.path("repeatOf").isNull() && !answer.path("repeatOf").isMissingNode()) {
                    repeats.add(no);   // attached to the open case it repeats: no assignment, no ASSIGNED webhook
                }
                accepted.put(no, now);
            } else {
                errors.incrementAndGet();
                errorKinds.merge(e != null ? e.getClass().getSimpleName() : "HTTP " + r.statusCode(), 1L, Long::sum);
            }
            if (inFlight != null) {
                inFlight.release();
            }
        });
    }

    private PhaseResult openLoop(DemoPetitions petitions, int rate, int seconds) throws Exception {
        AtomicLong errors = new AtomicLong();
        long interval = 1_000_000_000L / Math.max(1, rate);
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        // An open loop sends on schedule whatever the answers do; but requests the platform has not answered are
        // capped, so that an overloaded platform does not build an unbounded queue that the next phase would
        // inherit. A petition due while the cap is reached is not sent and counts as an error.
        int cap = MAX_IN_FLIGHT;
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(cap);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.tryAcquire()) {
                submit(petitions.next(), errors, inFlight);
            } else {
                errors.incrementAndGet();
                errorKinds.merge("not sent: " + cap + " requests already unanswered", 1L, Long::sum);
            }
        }
        PhaseResult result = finish("open loop", rate, total, errors, start);
        drain(inFlight, cap);
        return result;
    }

    /** Waits until every request of the phase is answered (or timed out), so the next phase starts clean. */
    private static void drain(java.util.concurrent.Semaphore inFlight, int permits) throws InterruptedException {
        if (inFlight.tryAcquire(permits, 45, TimeUnit.SECONDS)) {
            inFlight.release(permits);
        }
    }

    private PhaseResult closedLoop(DemoPetitions petitions, int concurrency, int seconds) throws Exception {
        AtomicLong errors = new AtomicLong();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(concurrency);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        while (System.nanoTime() < end) {
            if (inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                submit(petitions.next(), errors, inFlight);
                sent++;
            }
        }
        PhaseResult result = finish("as fast as it goes", 0, sent, errors, start);
        drain(inFlight, concurrency);
        return result;
    }

    private PhaseResult finish(String phase, double offered, long sent, AtomicLong errors, long start) throws Exception {
        long sendEnd = System.nanoTime();
        // Every answer, then every case and webhook the answers promise, or 60 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (accepted.size() + errors.get() < sent
                || !ledger.keySet().containsAll(accepted.keySet()) || !webhook.keySet().containsAll(expectedHooks()))) {
            Thread.sleep(50);
        }
        double seconds = (sendEnd - start) / 1e9;
        List<Double> toLedger = new ArrayList<>();
        List<Double> toWebhook = new ArrayList<>();
        long lastLedger = start;
        for (Map.Entry<String, Long> a : accepted.entrySet()) {
            Long l = ledger.get(a.getKey());
            if (l != null) {
                toLedger.add(Math.max(0, l - a.getValue()) / 1e6);
                lastLedger = Math.max(lastLedger, l);
            }
            Long w = webhook.get(a.getKey());
            if (w != null) {
                toWebhook.add(Math.max(0, w - a.getValue()) / 1e6);
            }
        }
        double endToEnd = toLedger.size() / ((lastLedger - start) / 1e9);
        System.out.printf("  stages, p50/p99 ms: 201->received %s, received->routed %s, routed->status %s%n",
                stage(accepted, seen.get(Topics.RECEIVED)), stage(seen.get(Topics.RECEIVED), seen.get(Topics.ROUTED)),
                stage(seen.get(Topics.ROUTED), seen.get(Topics.STATUS)));
        return new PhaseResult(phase, offered, accepted.size() / seconds, endToEnd, sent, accepted.size(),
                repeats.size(), errors.get(), toLedger.size(), toWebhook.size(), percentiles(toLedger), percentiles(toWebhook));
    }

    private static String stage(Map<String, Long> from, Map<String, Long> to) {
        if (from == null || to == null) {
            return "-";
        }
        List<Double> ms = new ArrayList<>();
        from.forEach((no, t) -> {
            Long u = to.get(no);
            if (u != null) {
                ms.add((u - t) / 1e6);
            }
        });
        Map<String, Double> p = percentiles(ms);
        return p.isEmpty() ? "-" : String.format("%.0f/%.0f", p.get("p50"), p.get("p99"));
    }

    private Set<String> expectedHooks() {
        Set<String> expected = new java.util.HashSet<>(accepted.keySet());
        expected.removeAll(repeats);
        return expected;
    }

    private void drain(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && !ledger.keySet().containsAll(accepted.keySet())) {
            Thread.sleep(100);
        }
    }

    private void clear() {
        accepted.clear();
        repeats.clear();
        seen.clear();
        ledger.clear();
        webhook.clear();
    }

    private static Map<String, Double> percentiles(List<Double> values) {
        Map<String, Double> p = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return p;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        p.put("p50", sorted[(int) Math.floor(0.50 * (sorted.length - 1))]);
        p.put("p95", sorted[(int) Math.floor(0.95 * (sorted.length - 1))]);
        p.put("p99", sorted[(int) Math.floor(0.99 * (sorted.length - 1))]);
        p.put("max", sorted[sorted.length - 1]);
        return p;
    }

    private void report(List<PhaseResult> phases, double rawKafka, double rawJdbc, int eventSize, int bodySize)
            throws IOException {
        String jdk = System.getProperty("java.vm.name") + " " + Runtime.version();
        StringBuilder table = new StringBuilder();
        table.append("\npetition-bridge pipeline benchmark (").append(jdk).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, everything co-located)\n");
        table.append(String.format("raw Kafka producer acks=all: %.0f records/s of %d bytes; raw JDBC batched inserts: %.0f rows/s%n",
                rawKafka, eventSize, rawJdbc));
        table.append(String.format("%-20s %8s %9s %9s %7s %7s | %-31s | %-31s | %8s %8s%n", "phase", "offered",
                "achieved", "e2e/s", "errors", "late", "intake->ledger ms p50/p95/p99/max",
                "intake->webhook ms p50/p95/p99/max", "e2e/kafka", "e2e/jdbc"));
        for (PhaseResult r : phases) {
            table.append(String.format("%-20s %8s %9.1f %9.1f %7d %7d | %-31s | %-31s | %8.3f %8.3f%n", r.phase(),
                    r.offeredRate() == 0 ? "max" : String.format("%.0f", r.offeredRate()), r.achievedRate(),
                    r.endToEndRate(), r.errors(), r.accepted() - r.reachedLedger(), fmt(r.ledgerMs()),
                    fmt(r.webhookMs()), r.endToEndRate() / rawKafka, r.endToEndRate() / rawJdbc));
        }
        System.out.println(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("jdk", jdk);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("time", Instant.now().toString());
        json.put("options", options.toString());
        json.put("rawKafkaRecordsPerSecond", rawKafka);
        json.put("rawKafkaRecordBytes", eventSize);
        json.put("rawJdbcRowsPerSecond", rawJdbc);
        json.put("phases", phases);
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        if (!errorKinds.isEmpty()) {
            System.out.println("failed or unsent submissions by cause (all phases, warm-up included): " + errorKinds);
        }
        System.out.println("written to " + options.out().toAbsolutePath());
    }

    private static String fmt(Map<String, Double> p) {
        if (p.isEmpty()) {
            return "-";
        }
        return String.format("%.0f/%.0f/%.0f/%.0f", p.get("p50"), p.get("p95"), p.get("p99"), p.get("max"));
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
