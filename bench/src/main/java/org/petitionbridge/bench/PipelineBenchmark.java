package org.petitionbridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.localstack.IssuerTokens;
import org.petitionbridge.localstack.LocalStack;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Measures the whole platform on this machine against the raw limits of the same broker and database, in the
 * same run: a plain Kafka producer (acks=all) and plain JDBC batched inserts, then intake driven over HTTP at a
 * fixed open-loop rate and then as fast as it will go, timing each petition from its 201 to its case being
 * readable in the ledger (the case's ASSIGNED status event, published only after the ledger committed it) and to
 * the status webhook arriving at a local receiver. Prints one table and writes it as JSON. Asserts nothing.
 */
public final class PipelineBenchmark {

    /**
     * @param rates     the open-loop rates, one phase each
     * @param overrides settings of the platform's services for this run (their environment variable names)
     */
    record Options(List<Integer> rates, int seconds, int rawSeconds, int maxSeconds, int concurrency, int warmupSeconds,
            Path out, Map<String, String> overrides) {
    }

    /**
     * @param endToEndRate the cases readable in the ledger per second, from the phase's start to the last of them
     * @param webhookRate  the ASSIGNED status webhooks arrived per second, from the phase's start to the last of them
     * @param lateWebhooks petitions accepted (not repeats) whose ASSIGNED webhook had not arrived 60 s after sending
     */
    record PhaseResult(String phase, double offeredRate, double achievedRate, double endToEndRate, double webhookRate,
            long sent, long accepted, long repeats, long errors, long reachedLedger, long reachedWebhook,
            long lateWebhooks, Map<String, Double> ledgerMs, Map<String, Double> webhookMs, Cost costPerPetition) {
    }

    /**
     * What the platform spent per accepted petition during a phase (sending and draining): event records written
     * to the platform's topics, consumer offset commits, database commits and rows written across the four
     * databases, CPU of this JVM (the platform, the broker and the load generator) and of the whole machine
     * (adding PostgreSQL and the kernel). Machine CPU is read from /proc/stat; -1 where there is none.
     */
    record Cost(double eventRecords, double offsetCommits, double dbCommits, double dbRowsWritten, double jvmCpuMs,
            double machineCpuMs, double postgresCpuMs) {
    }

    /** Counters read at the start and the end of a phase; their differences are the phase's cost. */
    record Counters(long eventRecords, long offsetCommits, long dbCommits, long dbRowsWritten, long jvmCpuNanos,
            long machineCpuNanos, long postgresCpuNanos) {
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
    private double idleJvmCores;
    private Map<String, Double> rowsPerPetitionByTable = Map.of();
    private List<StatementCost> topStatements = List.of();
    private double statementsMs;
    /** The platform's databases, every one counted and waited for. */
    private static final List<String> DATABASES = List.of("intake", "routing", "ledger", "notify", "risk");
    private double idleMachineCores;
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
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("INTAKE_SUBMISSIONS_PER_PERIOD", "1000000");
        settings.putAll(options.overrides());
        if (!options.overrides().isEmpty()) {
            System.out.println("Platform settings for this run: " + options.overrides());
        }
        LocalStack stack = LocalStack.start(LocalStack.Options.freePorts(dataDir), settings);
        // A line per registration and per handled event (docs/operations.md, "Tracing") would be thousands a second
        // here and bury the figures: the run keeps them off, as an operator would at such a rate
        // (LOGGING_LEVEL_ORG_PETITIONBRIDGE_EVENTS=WARN).
        for (String name : List.of("org.petitionbridge.events",
                "org.petitionbridge.intake.petitions.RegistrationService")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
        }
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
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String setting : a.getOrDefault("set", "").split(",")) {
            if (!setting.isBlank()) {
                String[] kv = setting.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--set takes NAME=VALUE[,NAME=VALUE...], not " + setting);
                }
                overrides.put(kv[0].trim(), kv[1].trim());
            }
        }
        return new Options(Arrays.stream(a.getOrDefault("rate", "100").split(",")).map(String::trim)
                .map(Integer::parseInt).toList(),
                Integer.parseInt(a.getOrDefault("seconds", "60")), Integer.parseInt(a.getOrDefault("raw-seconds", "15")),
                Integer.parseInt(a.getOrDefault("max-seconds", "60")),
                Integer.parseInt(a.getOrDefault("concurrency", "32")), Integer.parseInt(a.getOrDefault("warmup", "60")),
                Path.of(a.getOrDefault("out", "bench/target/bench-" + jdk + ".json")), Map.copyOf(overrides));
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
            // The JIT compiler needs minutes of load before five applications in one JVM run at full speed; until then
            // it takes a large share of the two cores. The warm-up runs as fast as the platform goes.
            System.out.printf("warm-up: %d s, %d concurrent clients (not measured) ...%n", options.warmupSeconds(),
                    options.concurrency());
            closedLoop(petitions, options.concurrency(), options.warmupSeconds());
            quiesce(Duration.ofSeconds(210));
            clear();
            waitForCompiler(Duration.ofSeconds(300));
            // What the platform spends doing nothing once warm (consumers polling, relays and schedulers ticking).
            System.out.println("idle for 5 s ...");
            Counters idleFrom = counters();
            Thread.sleep(5_000);
            Counters idleTo = counters();
            double idleSeconds = 5.0;
            idleJvmCores = (idleTo.jvmCpuNanos() - idleFrom.jvmCpuNanos()) / 1e9 / idleSeconds;
            idleMachineCores = idleFrom.machineCpuNanos() < 0 ? -1
                    : (idleTo.machineCpuNanos() - idleFrom.machineCpuNanos()) / 1e9 / idleSeconds;

            List<PhaseResult> phases = new ArrayList<>();
            for (int rate : options.rates()) {
                System.out.printf("open loop: %d petitions/s for %d s ...%n", rate, options.seconds());
                phases.add(openLoop(petitions, rate, options.seconds()));
                clear();
            }
            System.out.printf("as fast as it goes: %d concurrent clients for %d s ...%n", options.concurrency(),
                    options.maxSeconds());
            Map<String, Long> tablesBefore = rowsByTable();
            resetStatements();
            PhaseResult max = closedLoop(petitions, options.concurrency(), options.maxSeconds());
            topStatements = topStatements(max.accepted(), 15);
            statementsMs = statementsMsPerPetition(max.accepted());
            rowsPerPetitionByTable = new LinkedHashMap<>();
            Map<String, Long> tablesAfter = rowsByTable();
            tablesAfter.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), (e.getValue() - tablesBefore.getOrDefault(e.getKey(), 0L))
                            / (double) Math.max(1, max.accepted())))
                    .filter(e -> e.getValue() >= 0.05)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> rowsPerPetitionByTable.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
            phases.add(max);
            report(phases, rawKafka, rawJdbc, eventSize, sample.length());
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

    // --- what a phase costs --------------------------------------------------------------------------------

    private Counters counters() throws Exception {
        long events = 0;
        long commits = 0;
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Set<String> topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                    .names().get(10, TimeUnit.SECONDS);
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(topics.stream().filter(t -> t.startsWith("petition.") || t.equals("__consumer_offsets"))
                    .toList()).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) -> d.partitions().forEach(
                            p -> latest.put(new org.apache.kafka.common.TopicPartition(name, p.partition()),
                                    org.apache.kafka.clients.admin.OffsetSpec.latest())));
            for (var e : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                if (e.getKey().topic().startsWith("__")) {
                    commits += e.getValue().offset();
                } else {
                    events += e.getValue().offset();
                }
            }
        }
        long dbCommits;
        long dbRows;
        String url = stack.jdbcUrl("ledger").replace("/ledger", "/postgres");
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement();
                var rs = s.executeQuery("select sum(xact_commit), sum(tup_inserted + tup_updated + tup_deleted)"
                        + " from pg_stat_database where datname in (" + String.join(", ",
                                DATABASES.stream().map(d -> "'" + d + "'").toList()) + ")")) {
            rs.next();
            dbCommits = rs.getLong(1);
            dbRows = rs.getLong(2);
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        return new Counters(events, commits, dbCommits, dbRows, jvm, machineCpuNanos(), postgresCpuNanos());
    }

    /**
     * Waits until the platform has nothing left to do: every consumer group has read its topics to the end, every
     * outbox is empty and no webhook delivery is due. A phase's cost then includes all the work its petitions
     * caused, and the next phase does not inherit it.
     */
    private void quiesce(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        Map<String, Connection> databases = new LinkedHashMap<>();
        try (Admin admin = Admin.create(props)) {
            for (String db : DATABASES) {
                databases.put(db, DriverManager.getConnection(stack.jdbcUrl(db), "postgres", ""));
            }
            while (System.nanoTime() < deadline) {
                if (lag(admin) == 0 && backlog(databases) == 0) {
                    return;
                }
                Thread.sleep(200);
            }
        } finally {
            for (Connection c : databases.values()) {
                c.close();
            }
        }
        System.out.println("  (the platform was still busy after " + max.toSeconds() + " s)");
    }

    private static long lag(Admin admin) throws Exception {
        long lag = 0;
        for (var group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ends = new LinkedHashMap<>();
            committed.keySet().forEach(tp -> ends.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var latest = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
            for (var e : committed.entrySet()) {
                if (e.getValue() != null) {
                    lag += Math.max(0, latest.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
        }
        return lag;
    }

    /** Rows waiting in the outboxes plus webhook deliveries due now. */
    private static long backlog(Map<String, Connection> databases) throws Exception {
        long waiting = 0;
        for (Map.Entry<String, Connection> db : databases.entrySet()) {
            String due = db.getKey().equals("notify") ? " + (select count(*) from delivery where status = 'SENDING'"
                    + " or (status = 'PENDING' and next_attempt_at <= now()))" : "";
            try (Statement s = db.getValue().createStatement();
                    var rs = s.executeQuery("select (select count(*) from outbox_event)" + due)) {
                rs.next();
                waiting += rs.getLong(1);
            }
        }
        return waiting;
    }

    /**
     * Waits until the JIT compiler has worked through its queue. Five applications starting in one JVM queue
     * thousands of methods for the optimising compiler, which on two cores has one thread: for minutes after start-up
     * it takes most of a core, and a measurement taken meanwhile measures the compiler.
     */
    private static void waitForCompiler(Duration max) throws Exception {
        var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        System.out.printf("waiting for the JIT compiler (%d methods queued) ...%n", compilerQueue());
        double busy = 1;
        // Until the compiler took less than a tenth of a core over five seconds.
        while (busy > 0.1 && System.nanoTime() < deadline) {
            long before = compiler.getTotalCompilationTime();
            Thread.sleep(5000);
            busy = (compiler.getTotalCompilationTime() - before) / 5000.0;
        }
        System.out.printf("  compiler at %.2f cores after %.0f s%n", busy, (System.nanoTime() - start) / 1e9);
    }

    /** Methods waiting for the JIT compiler (jcmd Compiler.queue), or 0 where the JVM does not say. */
    private static int compilerQueue() {
        try {
            Object out = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerQueue",
                    new Object[] {null}, new String[] {String[].class.getName()});
            return (int) String.valueOf(out).lines().filter(l -> l.matches("^\\d+\\s.*")).count();
        } catch (Exception e) {
            return 0;
        }
    }

    /** PostgreSQL's statements by execution time: what its CPU is spent on (pg_stat_statements, loaded by the stack). */
    record StatementCost(String database, double msPerPetition, double callsPerPetition, double rowsPerCall,
            String query) {
    }

    private Connection postgresDatabase() throws Exception {
        return DriverManager.getConnection(stack.jdbcUrl("ledger").replace("/ledger", "/postgres"), "postgres", "");
    }

    /** Starts counting PostgreSQL's statements afresh. */
    private void resetStatements() throws Exception {
        try (Connection c = postgresDatabase(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /** The statements that took PostgreSQL the longest since {@link #resetStatements}, per petition. */
    private List<StatementCost> topStatements(long petitions, int limit) throws Exception {
        List<StatementCost> top = new ArrayList<>();
        double n = Math.max(1, petitions);
        try (Connection c = postgresDatabase(); Statement s = c.createStatement();
                var rs = s.executeQuery("""
                        select d.datname, s.total_exec_time, s.calls, s.rows, s.query from pg_stat_statements s
                        join pg_database d on d.oid = s.dbid order by s.total_exec_time desc limit %d""".formatted(limit))) {
            while (rs.next()) {
                long calls = rs.getLong("calls");
                top.add(new StatementCost(rs.getString("datname"), round(rs.getDouble("total_exec_time") / n, 2),
                        round(calls / n, 2), round(rs.getLong("rows") / (double) Math.max(1, calls), 1),
                        rs.getString("query").replaceAll("\\s+", " ").strip()));
            }
        }
        return top;
    }

    /** PostgreSQL's execution time of every statement since {@link #resetStatements}, per petition. */
    private double statementsMsPerPetition(long petitions) throws Exception {
        try (Connection c = postgresDatabase(); Statement s = c.createStatement();
                var rs = s.executeQuery("select coalesce(sum(total_exec_time), 0) from pg_stat_statements")) {
            rs.next();
            return round(rs.getDouble(1) / Math.max(1, petitions), 1);
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Deadlocks PostgreSQL detected so far in the platform's databases. */
    private long deadlocks() throws Exception {
        try (Connection c = postgresDatabase(); Statement s = c.createStatement();
                var rs = s.executeQuery("select coalesce(sum(deadlocks), 0) from pg_stat_database")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows written so far (inserted, updated, deleted) by database and table: where a petition's rows go. */
    private Map<String, Long> rowsByTable() throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String db : DATABASES) {
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(db), "postgres", "");
                    Statement s = c.createStatement();
                    var rs = s.executeQuery("select relname, n_tup_ins + n_tup_upd + n_tup_del from pg_stat_user_tables")) {
                while (rs.next()) {
                    rows.put(db + "." + rs.getString(1), rs.getLong(2));
                }
            }
        }
        return rows;
    }

    /** Busy CPU time of the whole machine since boot (user, nice, system, irq, softirq, steal), or -1. */
    private static long machineCpuNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                ticks += Long.parseLong(f[i]);
            }
            return ticks * 10_000_000L;   // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * The cost of a phase per accepted petition, once the platform has finished all the work they caused.
     * Statistics in PostgreSQL are flushed within a second.
     */
    private Cost cost(Counters before, long petitions) throws Exception {
        quiesce(Duration.ofSeconds(120));
        Thread.sleep(1500);
        Counters after = counters();
        double n = Math.max(1, petitions);
        return new Cost((after.eventRecords() - before.eventRecords()) / n,
                (after.offsetCommits() - before.offsetCommits()) / n, (after.dbCommits() - before.dbCommits()) / n,
                (after.dbRowsWritten() - before.dbRowsWritten()) / n,
                (after.jvmCpuNanos() - before.jvmCpuNanos()) / 1e6 / n,
                before.machineCpuNanos() < 0 ? -1 : (after.machineCpuNanos() - before.machineCpuNanos()) / 1e6 / n,
                before.postgresCpuNanos() < 0 ? -1 : (after.postgresCpuNanos() - before.postgresCpuNanos()) / 1e6 / n);
    }

    /**
     * CPU time used so far by the PostgreSQL processes (the postmaster and its backends, which the connection pools
     * keep for the whole run), from /proc; -1 where there is none.
     */
    private static long postgresCpuNanos() {
        try (var processes = Files.list(Path.of("/proc"))) {
            long ticks = 0;
            for (Path p : processes.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);   // utime, stime (fields 14, 15)
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended while being read
                }
            }
            return ticks * 10_000_000L;   // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
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
        for (String department : DemoPetitions.LEADS) {
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
        return IssuerTokens.clientCredentials(http, stack.options().issuerUri(), client);
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
        Counters before = counters();
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
        PhaseResult result = finish("open loop", rate, total, errors, start, before);
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
        Counters before = counters();
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
        PhaseResult result = finish("as fast as it goes", 0, sent, errors, start, before);
        drain(inFlight, concurrency);
        return result;
    }

    private PhaseResult finish(String phase, double offered, long sent, AtomicLong errors, long start, Counters before)
            throws Exception {
        long sendEnd = System.nanoTime();
        Instant sendEndWall = Instant.now();
        Instant startWall = sendEndWall.minusNanos(sendEnd - start);
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
        long lastWebhook = start;
        for (Map.Entry<String, Long> a : accepted.entrySet()) {
            Long l = ledger.get(a.getKey());
            if (l != null) {
                toLedger.add(Math.max(0, l - a.getValue()) / 1e6);
                lastLedger = Math.max(lastLedger, l);
            }
            Long w = webhook.get(a.getKey());
            if (w != null) {
                toWebhook.add(Math.max(0, w - a.getValue()) / 1e6);
                lastWebhook = Math.max(lastWebhook, w);
            }
        }
        double endToEnd = toLedger.size() / ((lastLedger - start) / 1e9);
        double webhookRate = toWebhook.size() / ((lastWebhook - start) / 1e9);
        long lateWebhooks = expectedHooks().stream().filter(no -> !webhook.containsKey(no)).count();
        System.out.printf("  stages, p50/p99 ms: 201->received %s, received->routed %s, routed->status %s,"
                        + " status->webhook %s (of which notify's dispatcher, planned->delivered: %s)%n",
                stage(accepted, seen.get(Topics.RECEIVED)), stage(seen.get(Topics.RECEIVED), seen.get(Topics.ROUTED)),
                stage(seen.get(Topics.ROUTED), seen.get(Topics.STATUS)), stage(seen.get(Topics.STATUS), webhook),
                dispatchMs(startWall));
        return new PhaseResult(phase, offered, accepted.size() / seconds, endToEnd, webhookRate, sent,
                accepted.size(), repeats.size(), errors.get(), toLedger.size(), toWebhook.size(), lateWebhooks,
                percentiles(toLedger), percentiles(toWebhook), cost(before, accepted.size()));
    }

    /**
     * How long the deliveries planned since the phase began waited in notify's dispatcher, from being planned
     * (the row written) to the receiver's 2xx (recorded), p50/p99 in ms: the rest of status->webhook is consuming
     * and planning.
     */
    private String dispatchMs(Instant since) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("notify"), "postgres", "");
                PreparedStatement ps = c.prepareStatement("""
                        select percentile_cont(0.5) within group (order by extract(epoch from delivered_at - created_at)),
                            percentile_cont(0.99) within group (order by extract(epoch from delivered_at - created_at))
                        from delivery where created_at >= ? and delivered_at is not null""")) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1) == null ? "-"
                        : String.format("%.0f/%.0f", rs.getDouble(1) * 1000, rs.getDouble(2) * 1000);
            }
        } catch (Exception e) {
            return "-";
        }
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
            throws Exception {
        String jdk = System.getProperty("java.vm.name") + " " + Runtime.version();
        StringBuilder table = new StringBuilder();
        table.append("\npetition-bridge pipeline benchmark (").append(jdk).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, everything co-located)\n");
        table.append(String.format("raw Kafka producer acks=all: %.0f records/s of %d bytes; raw JDBC batched inserts: %.0f rows/s%n",
                rawKafka, eventSize, rawJdbc));
        table.append(String.format("%-20s %8s %9s %9s %9s %7s %7s %7s | %-31s | %-31s | %8s %8s%n", "phase",
                "offered", "achieved", "e2e/s", "hooks/s", "errors", "late", "late h", "intake->ledger ms p50/p95/p99/max",
                "intake->webhook ms p50/p95/p99/max", "e2e/kafka", "e2e/jdbc"));
        for (PhaseResult r : phases) {
            table.append(String.format("%-20s %8s %9.1f %9.1f %9.1f %7d %7d %7d | %-31s | %-31s | %8.3f %8.3f%n",
                    r.phase(), r.offeredRate() == 0 ? "max" : String.format("%.0f", r.offeredRate()),
                    r.achievedRate(), r.endToEndRate(), r.webhookRate(), r.errors(), r.accepted() - r.reachedLedger(),
                    r.lateWebhooks(), fmt(r.ledgerMs()), fmt(r.webhookMs()), r.endToEndRate() / rawKafka,
                    r.endToEndRate() / rawJdbc));
        }
        table.append("""
                e2e/s: cases readable in the ledger a second; hooks/s: ASSIGNED status webhooks arrived a second (each
                from the phase's start to the last to arrive); late, late h: accepted petitions not in the ledger, and
                without their webhook, 60 s after the phase's sending ended.
                """);
        table.append(String.format("%nper accepted petition (sending and draining; idle: this JVM %.2f cores, machine %.2f cores)%n",
                idleJvmCores, idleMachineCores));
        table.append(String.format("%-20s %8s %8s %8s %9s %9s %9s %9s | %s%n", "phase", "events", "offsets", "commits",
                "rows", "JVM CPU", "PG CPU", "all CPU", "ceiling at the raw limits"));
        for (PhaseResult r : phases) {
            Cost c = r.costPerPetition();
            table.append(String.format("%-20s %8.1f %8.1f %8.1f %9.1f %7.1fms %7.1fms %7.1fms | %.0f/s%n", r.phase(),
                    c.eventRecords(), c.offsetCommits(), c.dbCommits(), c.dbRowsWritten(), c.jvmCpuMs(),
                    c.postgresCpuMs(), c.machineCpuMs(), ceiling(c, rawKafka, rawJdbc)));
        }
        table.append("""
                events: records written to the platform's topics; offsets: consumer offset commits; commits and rows:
                PostgreSQL transactions committed and rows written in the five databases; PG CPU: PostgreSQL's processes;
                all CPU: the whole machine (the JVM, PostgreSQL and the kernel).
                ceiling at the raw limits: the rate at which this machine would be fully busy if every event record cost
                what a record costs the raw producer and every row what it costs the raw batched inserts, and nothing
                else cost anything.
                """);
        table.append("rows written per petition by table (as fast as it goes): ").append(rowsPerPetitionByTable)
                .append('\n');
        table.append(String.format("PostgreSQL's statements (as fast as it goes): %.1f ms of execution per petition"
                + " (lock waits included); the longest, per petition:%n", statementsMs));
        table.append(String.format("  %8s %8s %9s  %-8s %s%n", "ms", "calls", "rows/call", "database", "statement"));
        topStatements.forEach(st -> table.append(String.format("  %8.2f %8.2f %9.1f  %-8s %s%n", st.msPerPetition(),
                st.callsPerPetition(), st.rowsPerCall(), st.database(),
                st.query().length() > 110 ? st.query().substring(0, 110) + "…" : st.query())));
        long deadlocks = deadlocks();
        table.append("PostgreSQL deadlocks in the whole run (each one fails a transaction, retried): ").append(deadlocks)
                .append('\n');
        System.out.println(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("jdk", jdk);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("time", Instant.now().toString());
        json.put("options", options.toString());
        json.put("rawKafkaRecordsPerSecond", rawKafka);
        json.put("rawKafkaRecordBytes", eventSize);
        json.put("rawJdbcRowsPerSecond", rawJdbc);
        json.put("idleJvmCores", idleJvmCores);
        json.put("idleMachineCores", idleMachineCores);
        json.put("rowsPerPetitionByTable", rowsPerPetitionByTable);
        Map<String, Double> ceilings = new LinkedHashMap<>();
        phases.forEach(r -> ceilings.put(r.phase(), ceiling(r.costPerPetition(), rawKafka, rawJdbc)));
        json.put("ceilingAtRawLimitsPerSecond", ceilings);
        json.put("phases", phases);
        json.put("deadlocks", deadlocks);
        json.put("statementsMsPerPetition", statementsMs);
        json.put("topStatements", topStatements);
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        if (!errorKinds.isEmpty()) {
            System.out.println("failed or unsent submissions by cause (all phases, warm-up included): " + errorKinds);
        }
        System.out.println("written to " + options.out().toAbsolutePath());
    }

    /**
     * Petitions per second at which the records and rows one petition writes would keep this machine busy if each
     * cost what it costs the raw producer and the raw batched inserts (seconds of the machine per petition, summed).
     */
    static double ceiling(Cost c, double rawKafka, double rawJdbc) {
        double seconds = c.eventRecords() / rawKafka + c.dbRowsWritten() / rawJdbc;
        return seconds <= 0 ? Double.NaN : 1 / seconds;
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
