package org.petitionbridge.faults;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.petitionbridge.bench.DemoPetitions;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.Topics;
import org.petitionbridge.localstack.IssuerTokens;
import org.petitionbridge.localstack.LocalStack;
import org.petitionbridge.localstack.ProcessStack;
import org.petitionbridge.service.county.CountyReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault run: the platform in separate processes ({@link ProcessStack}, two instances of intake, routing, ledger
 * and notify) under a steady load of realistic petitions, while the {@link Schedule} kills instances, restarts the
 * broker, stops PostgreSQL, writes poison to the topics and takes a department's webhook receiver down. Then it
 * waits for quiet and checks that nothing was lost or applied twice, prints a table of each check and of how long
 * each fault took to recover from, writes the same as JSON, and exits non-zero when a check fails.
 * <p>
 * {@code java -jar faults/target/petition-bridge-faults.jar [--profile short|full] [--minutes M] [--rate R]
 * [--kills-per-service K] [--broker-restarts B] [--postgres-outages P] [--seed S] [--out FILE]}
 */
public final class FaultRun {

    private static final Logger log = LoggerFactory.getLogger(FaultRun.class);
    /** Requests in flight per service instance in the run: the door refuses more (and the probe checks it does). */
    static final int MAX_IN_FLIGHT = 40;

    private final Profile profile;
    private final ProcessStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Injected> injected = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> doorProbes = new CopyOnWriteArrayList<>();
    private final Instant startInstant = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Map<String, String> tokens = new HashMap<>();

    /** A fault as it happened: what, to which process, when it began and ended, and when its target answered again. */
    record Injected(Schedule.Kind kind, String target, Instant at, Instant ended, Instant back) {
    }

    /** One check: its name, whether it passed, and its figures. */
    public record Check(String name, boolean passed, String figures) {
    }

    /** What a run found. */
    public record Report(Profile profile, List<Check> checks, Map<String, Object> json) {
        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    private FaultRun(Profile profile, ProcessStack stack) {
        this.profile = profile;
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        Profile profile = parse(args);
        Report report = run(profile, null, null);
        System.exit(report.passed() ? 0 : 1);
    }

    static Profile parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("""
                        usage: java -jar faults/target/petition-bridge-faults.jar [--profile short|full]
                               [--minutes M] [--rate R] [--kills-per-service K] [--broker-restarts B]
                               [--postgres-outages P] [--seed S] [--out FILE]
                          short: 3 min at 5/s, 1 kill of each service, 1 broker restart, 1 database outage (CI)
                          full:  30 min at 30/s, 20 kills of each service, 3 broker restarts, 2 database outages""");
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value (see --help)");
            }
            a.put(args[i].replaceFirst("^--", ""), args[++i]);
        }
        for (String key : a.keySet()) {
            if (!List.of("profile", "minutes", "rate", "kills-per-service", "broker-restarts", "postgres-outages",
                    "seed", "out").contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + " (see --help)");
            }
        }
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        String name = a.getOrDefault("profile", "full");
        Path out = Path.of(a.getOrDefault("out", "faults/target/fault-run-" + name + ".json"));
        Profile p = switch (name) {
            case "short" -> Profile.shortProfile(seed, out);
            case "full" -> Profile.full(seed, out);
            default -> throw new IllegalArgumentException("--profile is short or full, not " + name);
        };
        return p.with(a.containsKey("minutes") ? Duration.ofMinutes(Long.parseLong(a.get("minutes"))) : p.length(),
                Integer.parseInt(a.getOrDefault("rate", Integer.toString(p.rate()))),
                Integer.parseInt(a.getOrDefault("kills-per-service", Integer.toString(p.killsPerService()))),
                Integer.parseInt(a.getOrDefault("broker-restarts", Integer.toString(p.brokerRestarts()))),
                Integer.parseInt(a.getOrDefault("postgres-outages", Integer.toString(p.postgresOutages()))));
    }

    /**
     * Runs the profile on a fresh stack in {@code dataDir} (a temporary directory when null), its processes started
     * from {@code runnableJar} (this JVM's own runnable jar when null), and reports.
     */
    public static Report run(Profile profile, Path dataDir, Path runnableJar) throws Exception {
        Path data = dataDir != null ? dataDir : Files.createTempDirectory("petition-bridge-faults");
        System.out.printf("Fault run '%s': %d s at %d petitions/s, seed %d; starting the platform in separate"
                + " processes (data and logs in %s) ...%n", profile.name(), profile.length().toSeconds(),
                profile.rate(), profile.seed(), data);
        Map<String, String> settings = new LinkedHashMap<>();
        // One channel offers the whole load: lift its rate limit, as the benchmark does.
        settings.put("INTAKE_SUBMISSIONS_PER_PERIOD", "1000000");
        // A receiver is down for minutes: retries every few seconds, for longer than that, so that the run ends.
        settings.put("NOTIFY_RETRY_SCHEDULE", "1s,2s,5s,10s,15s,20s,30s,30s,30s,30s,30s,30s,30s,30s,30s,30s,30s");
        settings.put("HTTP_MAX_IN_FLIGHT", Integer.toString(MAX_IN_FLIGHT));
        // A line per registration and per handled event would be most of the CPU of the run.
        settings.put("logging.level.org.petitionbridge.events", "WARN");
        settings.put("logging.level.org.petitionbridge.intake.petitions.RegistrationService", "WARN");
        // This JVM's own clients (the poison producer, the admin client) would log every second the broker is away.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        long started = System.nanoTime();
        try (ProcessStack stack = ProcessStack.start(LocalStack.Options.freePorts(data), settings,
                ProcessStack.DEFAULT_JVM_OPTIONS, runnableJar)) {
            System.out.printf("  the platform answers after %.0f s: %s%n", (System.nanoTime() - started) / 1e9,
                    stack.instances().stream().map(ProcessStack.Instance::name).collect(Collectors.joining(" ")));
            Report report = new FaultRun(profile, stack).execute();
            print(report);
            Files.createDirectories(profile.out().toAbsolutePath().getParent());
            Files.writeString(profile.out(), EventCodec.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(report.json()));
            System.out.println("  written to " + profile.out());
            return report;
        }
    }

    private Report execute() throws Exception {
        List<String> departments = DemoPetitions.LEADS;
        try (Departments receivers = new Departments(departments)) {
            for (String client : List.of("hotline", "xfj", "rsj")) {
                tokens.put(client, token(client));
            }
            for (String department : departments) {
                subscribe(department, receivers.url(department));
            }
            Map<String, Set<String>> groups = awaitGroups();
            System.out.println("  consumer groups by topic: " + groups);
            overloadProbes();

            List<Schedule.Fault> schedule = Schedule.plan(profile, departments);
            System.out.printf("  %d faults scheduled over %d s; load running ...%n", schedule.size(),
                    profile.length().toSeconds());
            Load load = new Load(stack.instances("intake").stream().map(ProcessStack.Instance::port).toList(),
                    tokens.get("hotline"), new DemoPetitions(CountyReference.demo(), profile.seed()));
            Poison poison = new Poison(stack.bootstrapServers(), profile.poisonPercent(), groups.keySet());
            Thread faults = new Thread(() -> inject(schedule, receivers), "fault-injector");
            faults.start();
            java.util.concurrent.atomic.AtomicBoolean poisoning = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread poisoner = new Thread(() -> {
                while (poisoning.get() && !Thread.currentThread().isInterrupted()) {
                    poison.tick();
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "poisoner");
            poisoner.start();
            try {
                load.run(profile.rate(), profile.length());
                faults.join();
                load.awaitAnswers(Duration.ofMinutes(3));
            } finally {
                poisoning.set(false);
                poisoner.interrupt();
                poisoner.join();
                poison.tick();
                poison.close();
                load.close();
            }
            System.out.printf("  load done: %d sent, %d answered 201; waiting for quiet ...%n", load.sent(),
                    load.accepted().size());
            Duration quiet = awaitQuiet(groups, Duration.ofMinutes(30));
            return check(load, receivers, groups, quiet);
        }
    }

    // --- faults -------------------------------------------------------------------------------------------

    private void inject(List<Schedule.Fault> schedule, Departments receivers) {
        Random random = new Random(profile.seed() ^ 0x5DEECE66DL);
        List<Thread> lasting = new ArrayList<>();
        for (Schedule.Fault fault : schedule) {
            long wait = startNanos + fault.at().toNanos() - System.nanoTime();
            try {
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                switch (fault.kind()) {
                    // A kill waits for an instance of its service to answer: it does not hold up the faults after it.
                    case KILL -> lasting.add(started(() -> kill(fault.target(), new Random(random.nextLong()))));
                    case BROKER_CLEAN, BROKER_KILL -> {
                        Instant at = Instant.now();
                        stack.restartBroker(fault.kind() == Schedule.Kind.BROKER_CLEAN);
                        injected.add(new Injected(fault.kind(), "kafka-1", at, at, null));
                    }
                    case POSTGRES_DOWN -> lasting.add(started(() -> postgresOutage(fault)));
                    case RECEIVER_DOWN -> lasting.add(started(() -> {
                        Instant at = Instant.now();
                        receivers.down(fault.target());
                        log.warn("Receiver of {} is down for {} s", fault.target(), fault.lasts().toSeconds());
                        sleep(fault.lasts());
                        try {
                            receivers.up(fault.target());
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                        Instant back = Instant.now();
                        injected.add(new Injected(fault.kind(), fault.target(), at, back, back));
                    }));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.error("Could not inject {}", fault, e);
            }
        }
        for (Thread t : lasting) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread started(Runnable fault) {
        Thread t = new Thread(fault, "lasting-fault");
        t.start();
        return t;
    }

    private final Map<String, Object> killLocks = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * SIGKILL of an instance of the service that answers (waiting up to ten minutes for one to answer: a service
     * of one instance is killed again as soon as it is back). Kills of one service take turns, so that two never
     * pick the same instance.
     */
    private void kill(String service, Random random) {
        synchronized (killLocks.computeIfAbsent(service, s -> new Object())) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (System.nanoTime() < deadline) {
                List<ProcessStack.Instance> answering = stack.instances(service).stream()
                        .filter(i -> stack.answers(i.name())).toList();
                if (!answering.isEmpty()) {
                    ProcessStack.Instance victim = answering.get(random.nextInt(answering.size()));
                    Instant at = Instant.now();
                    stack.kill(victim.name());
                    injected.add(new Injected(Schedule.Kind.KILL, victim.name(), at, at, null));
                    sleep(Duration.ofSeconds(2)); // it has stopped answering before the next kill looks
                    return;
                }
                sleep(Duration.ofSeconds(1));
            }
            log.warn("No instance of {} answered for ten minutes: kill skipped", service);
        }
    }

    private void postgresOutage(Schedule.Fault fault) {
        try {
            Instant at = Instant.now();
            stack.stopPostgres();
            sleep(Duration.ofSeconds(5));
            outageProbes();
            sleep(fault.lasts().minusSeconds(5));
            stack.startPostgres();
            Instant back = Instant.now();
            injected.add(new Injected(fault.kind(), "postgres", at, back, back));
        } catch (Exception e) {
            throw new IllegalStateException("the database outage went wrong", e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- at the door ----------------------------------------------------------------------------------------

    /** A POST each service's callers make, and the client whose token may make it. */
    private record Door(String service, String path, String client, String body) {
    }

    private static final List<Door> DOORS = List.of(
            new Door("intake", "/api/v1/petitions", "hotline", "{}"),
            new Door("routing", "/api/v1/routing/preview", "xfj", "{}"),
            new Door("ledger", "/api/v1/cases/X/actions", "xfj", "{}"),
            new Door("notify", "/api/v1/subscriptions", "rsj", "{}"),
            new Door("risk", "/api/v1/screening/rounds", "xfj", "{}"));

    /**
     * Each service's first instance with all its permits held by slow clients (an authenticated POST whose body
     * never comes): the next request must be answered 503 with Retry-After at once.
     */
    private void overloadProbes() throws Exception {
        for (Door door : DOORS) {
            int port = stack.instances(door.service()).get(0).port();
            // One whole request first: the first requests a service answers after it starts do not all wait for
            // their bodies the way later ones do (seen in the first runs), and the probe is of a service at work.
            post(port, door.path(), door.client(), door.body());
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < MAX_IN_FLIGHT; i++) {
                    Socket socket = new Socket("localhost", port);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST " + door.path() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                            + "\r\nAuthorization: Bearer " + tokens.get(door.client()) + "\r\nContent-Length: 5000\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(socket);
                }
                Thread.sleep(500);
                HttpResponse<String> answer = null;
                long took = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    answer = post(port, door.path(), door.client(), door.body());
                    took = (System.nanoTime() - t0) / 1_000_000;
                    if (answer.statusCode() == 503) {
                        break;
                    }
                    Thread.sleep(100);
                }
                doorProbes.add(probe("overload", door.service(), answer, took, 500));
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    /** While the database is down: a request to each service's first instance must be answered 503 within 2 s. */
    private void outageProbes() {
        for (Door door : DOORS) {
            // An instance whose process is up (its health says DOWN while the database is: it is not asked).
            int port = stack.instances(door.service()).stream().filter(i -> stack.listens(i.name())).findFirst()
                    .orElse(stack.instances(door.service()).get(0)).port();
            String path = switch (door.service()) {
                case "intake" -> null;
                case "routing" -> "/api/v1/routing/triage";
                case "ledger" -> "/api/v1/cases";
                case "notify" -> "/api/v1/subscriptions";
                default -> "/api/v1/projects";
            };
            long t0 = System.nanoTime();
            HttpResponse<String> answer;
            try {
                answer = path == null
                        ? post(port, door.path(), door.client(), new DemoPetitions(CountyReference.demo(), 99).next())
                        : http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + tokens.get(door.client())).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                answer = null;
            }
            doorProbes.add(probe("database down", door.service(), answer, (System.nanoTime() - t0) / 1_000_000,
                    2_000));
        }
    }

    private static Map<String, Object> probe(String situation, String service, HttpResponse<String> answer, long ms,
            long withinMs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("situation", situation);
        p.put("service", service);
        p.put("status", answer == null ? -1 : answer.statusCode());
        p.put("retryAfter", answer == null ? "" : answer.headers().firstValue("Retry-After").orElse(""));
        p.put("ms", ms);
        p.put("passed", answer != null && answer.statusCode() == 503
                && answer.headers().firstValue("Retry-After").isPresent() && ms < withinMs);
        return p;
    }

    private HttpResponse<String> post(int port, String path, String client, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.get(client))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- set-up ---------------------------------------------------------------------------------------------

    private String token(String client) throws Exception {
        return IssuerTokens.clientCredentials(http, stack.options().issuerUri(), client);
    }

    private void subscribe(String department, String url) throws Exception {
        String client = department.toLowerCase();
        String token = token(client);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + stack.options().notifyPort() + "/api/v1/subscriptions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + url + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("subscription for " + department + " refused: " + r.body());
        }
    }

    /** Which groups consume which topic: the bindings of the services' own configuration files. */
    static final Map<String, Set<String>> CONSUMERS = Map.of(
            Topics.RECEIVED, Set.of("routing", "ledger", "notify", "risk"),
            Topics.ROUTED, Set.of("ledger", "notify"),
            Topics.TRIAGE, Set.of("ledger"),
            Topics.STATUS, Set.of("intake", "routing", "notify", "risk"),
            Topics.DEADLINE, Set.of("notify"),
            Topics.RISK_PROJECT, Set.of("notify"),
            Topics.RISK_WARNING, Set.of("notify"),
            Topics.RISK_SCREENING, Set.of("notify"),
            Topics.RISK_DISPUTE, Set.of("notify"));

    /**
     * The consumer groups by topic as the broker sees them, once every binding of {@link #CONSUMERS} has its
     * partitions (so that no topic goes without poison, lag or dead-letter checks because a group joined late).
     */
    private Map<String, Set<String>> awaitGroups() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, Set<String>> groups = Map.of();
        while (System.nanoTime() < deadline) {
            groups = Poison.groupsByTopic(stack.bootstrapServers());
            Map<String, Set<String>> seen = groups;
            if (CONSUMERS.entrySet().stream().allMatch(e -> seen.getOrDefault(e.getKey(), Set.of())
                    .containsAll(e.getValue()))) {
                return groups;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the platform's consumer groups did not all join: " + groups + ", expected "
                + CONSUMERS);
    }

    // --- quiet ----------------------------------------------------------------------------------------------

    /** Waits until every process answers, no group lags, every outbox is empty and no webhook waits; 10 s steady. */
    private Duration awaitQuiet(Map<String, Set<String>> groups, Duration max) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + max.toNanos();
        long quietSince = 0;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                boolean quiet;
                try {
                    quiet = stack.instances().stream().allMatch(i -> stack.answers(i.name()))
                            && lag(admin, groups) == 0 && backlog() == 0;
                } catch (Exception e) {
                    quiet = false;
                }
                if (!quiet) {
                    quietSince = 0;
                } else if (quietSince == 0) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(10)) {
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
                Thread.sleep(500);
            }
        }
        System.out.println("  (not quiet after " + max.toSeconds() + " s: the checks say what is still missing)");
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /**
     * Records not yet consumed, summed over every group and every partition of every topic it consumes. A partition
     * on which a group has committed nothing yet counts from its first record: otherwise a group that has not reached
     * a partition (a restarted instance, a rebalance) would look caught up.
     */
    private static long lag(Admin admin, Map<String, Set<String>> groups) throws Exception {
        List<String> topics = groups.keySet().stream().filter(t -> !t.endsWith(".dlq")).toList();
        Map<TopicPartition, OffsetSpec> first = new HashMap<>();
        Map<TopicPartition, OffsetSpec> last = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> {
                    first.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                    last.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                }));
        var earliest = admin.listOffsets(first).all().get(10, TimeUnit.SECONDS);
        var latest = admin.listOffsets(last).all().get(10, TimeUnit.SECONDS);
        Set<String> ids = groups.entrySet().stream().filter(e -> !e.getKey().endsWith(".dlq"))
                .flatMap(e -> e.getValue().stream()).collect(Collectors.toSet());
        long lag = 0;
        for (String group : ids) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            for (TopicPartition tp : latest.keySet()) {
                if (!groups.get(tp.topic()).contains(group)) {
                    continue;
                }
                var offset = committed.get(tp);
                long from = offset != null ? offset.offset() : earliest.get(tp).offset();
                lag += Math.max(0, latest.get(tp).offset() - from);
            }
        }
        return lag;
    }

    /** Rows in the five outboxes plus webhook deliveries not yet delivered. */
    private long backlog() throws Exception {
        long waiting = 0;
        for (String db : List.of("intake", "routing", "ledger", "notify", "risk")) {
            waiting += count(db, "select count(*) from outbox_event");
        }
        return waiting + count("notify", "select count(*) from delivery where status in ('PENDING', 'SENDING')");
    }

    private long count(String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(db), "postgres", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- checks ---------------------------------------------------------------------------------------------

    private record CaseRow(String no, String status, String lead, String attachedTo) {
    }

    private Report check(Load load, Departments receivers, Map<String, Set<String>> groups, Duration quiet)
            throws Exception {
        List<Check> checks = new ArrayList<>();
        Map<String, Load.Accepted> accepted = load.accepted();
        Map<String, CaseRow> cases = new HashMap<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("ledger"), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select petition_no, status, lead, attached_to from petition_case")) {
            while (rs.next()) {
                cases.put(rs.getString(1), new CaseRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)));
            }
        }
        List<String> missing = accepted.keySet().stream().filter(no -> !cases.containsKey(no)).sorted().toList();
        List<String> notRouted = accepted.values().stream().map(a -> cases.get(a.petitionNo()))
                .filter(r -> r != null && r.lead() == null && r.attachedTo() == null).map(CaseRow::no).sorted()
                .toList();
        long unanswered = cases.keySet().stream().filter(no -> !accepted.containsKey(no)).count();
        // Not vacuous: most of what was sent was accepted, nothing was refused, and a case registered whose answer
        // never came is one the client gave up on (a second petition for one key would show here).
        checks.add(new Check("every petition answered 201 is in the ledger, once, and routed",
                !accepted.isEmpty() && accepted.size() + load.gaveUp() == load.sent() && load.refused() == 0
                        && missing.isEmpty() && notRouted.isEmpty() && load.keysRegisteredTwice() == 0
                        && unanswered <= load.gaveUp(),
                "%d answered 201 (or 200 to a retry) (%d sent, %d given up after 2 min, %d refused); %d missing from the ledger%s; %d not"
                        .formatted(accepted.size(), load.sent(), load.gaveUp(), load.refused(), missing.size(),
                                sample(missing), notRouted.size())
                        + " routed%s; %d keys answered with two petition numbers; %d cases registered whose answer never"
                        .formatted(sample(notRouted), load.keysRegisteredTwice(), unanswered)
                        + " reached the client"));

        long historyTwice = count("ledger", """
                select count(*) from (select petition_no from case_history
                group by petition_no, action, to_status, details::text having count(*) > 1) twice""");
        long historyRows = count("ledger", "select count(*) from case_history");
        checks.add(new Check("no case history holds the same action twice",
                historyTwice == 0 && historyRows >= accepted.size(),
                "%d history entries; %d actions recorded twice".formatted(historyRows, historyTwice)));

        // notify's deliveries first, then what arrived: a delivery completed between the two reads counts as arrived.
        Map<String, Long> deliveriesByStatus = new TreeMap<>();
        List<String> deliveryIds = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("notify"), "postgres", "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, status from delivery")) {
            while (rs.next()) {
                deliveriesByStatus.merge(rs.getString(2), 1L, Long::sum);
                deliveryIds.add(rs.getString(1));
            }
        }
        List<Departments.Arrival> arrivals = receivers.arrivals();
        Map<String, Long> assignedArrival = new HashMap<>();
        for (Departments.Arrival a : arrivals) {
            if ("ASSIGNED".equals(a.status())) {
                assignedArrival.merge(a.department() + "/" + a.subject(), a.nanos(), Math::min);
            }
        }
        List<String> notHeard = new ArrayList<>();
        for (Load.Accepted a : accepted.values()) {
            CaseRow row = cases.get(a.petitionNo());
            if (row != null && row.lead() != null && row.attachedTo() == null
                    && !assignedArrival.containsKey(row.lead() + "/" + a.petitionNo())) {
                notHeard.add(row.lead() + "/" + a.petitionNo());
            }
        }
        Map<String, Set<String>> webhookIdsByEvent = new HashMap<>();
        arrivals.forEach(a -> webhookIdsByEvent.computeIfAbsent(a.department() + "/" + a.eventId(),
                k -> new HashSet<>()).add(a.webhookId()));
        long plannedTwice = webhookIdsByEvent.values().stream().filter(ids -> ids.size() > 1).count();
        Set<String> receivedIds = arrivals.stream().map(Departments.Arrival::webhookId).collect(Collectors.toSet());
        List<String> deliveredNotReceived = deliveryIds.stream().filter(id -> !receivedIds.contains(id)).toList();
        long deliveries = deliveriesByStatus.values().stream().mapToLong(Long::longValue).sum();
        checks.add(new Check("every event meant for a department reached it at least once, and exactly once by"
                        + " webhook-id",
                !arrivals.isEmpty() && notHeard.isEmpty() && plannedTwice == 0 && deliveredNotReceived.isEmpty()
                        && deliveriesByStatus.keySet().stream().allMatch("DELIVERED"::equals),
                ("%d webhooks arrived, %d distinct webhook-ids (%d repeats); %d assignments not heard by their lead%s;"
                        + " %d events sent under two webhook-ids; notify's %d deliveries %s, %d of them never seen by"
                        + " the receiver").formatted(arrivals.size(), receivedIds.size(),
                        arrivals.size() - receivedIds.size(), notHeard.size(), sample(notHeard), plannedTwice,
                        deliveries, deliveriesByStatus, deliveredNotReceived.size())));

        checks.add(deadLetters(groups));

        Map<String, Long> waiting = new LinkedHashMap<>();
        for (String db : List.of("intake", "routing", "ledger", "notify", "risk")) {
            waiting.put(db + " outbox", count(db, "select count(*) from outbox_event"));
        }
        waiting.put("notify deliveries due", count("notify",
                "select count(*) from delivery where status in ('PENDING', 'SENDING')"));
        checks.add(new Check("every outbox and delivery queue is empty",
                waiting.values().stream().allMatch(v -> v == 0), waiting + "; quiet "
                        + quiet.toSeconds() + " s after the load ended"));

        boolean doorsHeld = !doorProbes.isEmpty() && doorProbes.stream().allMatch(p -> (Boolean) p.get("passed"));
        checks.add(new Check("at the door: 503 with Retry-After at once when overloaded, within 2 s while the"
                        + " database is down", doorsHeld && doorProbes.stream().anyMatch(p -> p.get("situation")
                        .equals("database down")) == (profile.postgresOutages() > 0),
                doorProbes.stream().map(p -> p.get("situation") + " " + p.get("service") + " " + p.get("status")
                        + " in " + p.get("ms") + " ms").collect(Collectors.joining("; "))));

        List<Map<String, Object>> recoveries = recoveries(accepted, cases, assignedArrival);
        Map<String, Long> kills = injected.stream().filter(i -> i.kind() == Schedule.Kind.KILL)
                .collect(Collectors.groupingBy(i -> i.target().substring(0, i.target().lastIndexOf('-')),
                        TreeMap::new, Collectors.counting()));
        boolean allInjected = Profile.KILLED.stream().allMatch(s -> kills.getOrDefault(s, 0L) >= profile
                .killsPerService())
                && injected.stream().filter(i -> i.kind().name().startsWith("BROKER")).count() == profile
                .brokerRestarts()
                && injected.stream().filter(i -> i.kind() == Schedule.Kind.POSTGRES_DOWN).count() == profile
                .postgresOutages();
        checks.add(new Check("every scheduled fault was injected", allInjected, "kills " + kills + ", broker restarts "
                + injected.stream().filter(i -> i.kind().name().startsWith("BROKER")).count() + ", database outages "
                + injected.stream().filter(i -> i.kind() == Schedule.Kind.POSTGRES_DOWN).count()
                + ", receiver outages " + injected.stream().filter(i -> i.kind() == Schedule.Kind.RECEIVER_DOWN)
                .count() + "; restarts seen by the supervisor " + stack.restarts().size()));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("profile", Map.of("name", profile.name(), "seconds", profile.length().toSeconds(), "rate",
                profile.rate(), "killsPerService", profile.killsPerService(), "brokerRestarts",
                profile.brokerRestarts(), "postgresOutages", profile.postgresOutages(), "receiverOutages",
                profile.receiverOutages(), "poisonPercent", profile.poisonPercent(), "seed", profile.seed()));
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "jdk",
                Runtime.version().toString()));
        json.put("checks", checks.stream().map(ch -> Map.of("check", ch.name(), "passed", ch.passed(), "figures",
                ch.figures())).toList());
        json.put("answers", load.answers());
        json.put("doorProbes", doorProbes);
        json.put("recoveries", recoveries);
        json.put("recoverySummary", summary(recoveries));
        return new Report(profile, checks, json);
    }

    private Check deadLetters(Map<String, Set<String>> groups) throws Exception {
        Map<String, Long> poison = new TreeMap<>();
        Poison.scan(stack.bootstrapServers(), groups.keySet(), r -> {
            if (r.key() != null && r.key().startsWith(Poison.KEY_PREFIX)) {
                poison.merge(r.topic(), 1L, Long::sum);
            }
        });
        List<String> dlqs = new ArrayList<>();
        groups.forEach((topic, gs) -> gs.forEach(g -> dlqs.add(Topics.deadLetter(topic, g))));
        Map<String, Set<String>> originals = new TreeMap<>();
        long[] raw = {0};
        long[] genuine = {0};
        Poison.scan(stack.bootstrapServers(), dlqs, r -> {
            raw[0]++;
            if (r.key() == null || !r.key().startsWith(Poison.KEY_PREFIX)) {
                genuine[0]++;
            }
            String original = header(r.headers().lastHeader("kafka_dlt-original-topic")) + "@"
                    + header(r.headers().lastHeader("kafka_dlt-original-partition")) + "/"
                    + header(r.headers().lastHeader("kafka_dlt-original-offset"));
            originals.computeIfAbsent(r.topic(), t -> new HashSet<>()).add(original);
        });
        long expected = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : groups.entrySet()) {
            long injectedHere = poison.getOrDefault(e.getKey(), 0L);
            for (String g : e.getValue()) {
                expected += injectedHere;
                int got = originals.getOrDefault(Topics.deadLetter(e.getKey(), g), Set.of()).size();
                if (got != injectedHere) {
                    wrong.add(Topics.deadLetter(e.getKey(), g) + " " + got + " of " + injectedHere);
                }
            }
        }
        long distinct = originals.values().stream().mapToLong(Set::size).sum();
        long poisonTotal = poison.values().stream().mapToLong(Long::longValue).sum();
        return new Check("dead letters equal the poison injected",
                wrong.isEmpty() && genuine[0] == 0 && (profile.poisonPercent() == 0 || poisonTotal > 0),
                ("%d poison records on %d topics (%s); %d dead letters expected (one per consuming group), %d distinct"
                        + " dead-lettered, %d dead-letter records (%d repeats after a kill), %d of them genuine events;"
                        + " %s").formatted(poisonTotal, poison.size(),
                        poison, expected, distinct, raw[0], raw[0] - distinct, genuine[0],
                        wrong.isEmpty() ? "every group's count matches" : "mismatched: " + wrong));
    }

    private static String header(Header h) {
        if (h == null) {
            return "?";
        }
        byte[] v = h.value();
        if (v.length == 4) {
            return Integer.toString(java.nio.ByteBuffer.wrap(v).getInt());
        }
        if (v.length == 8) {
            return Long.toString(java.nio.ByteBuffer.wrap(v).getLong());
        }
        return new String(v, StandardCharsets.UTF_8);
    }

    /**
     * Per fault: "back" is how long its target took to answer again (a restarted process's health, the broker's
     * port, the database once started); "caught up" how long after the fault began the last petition sent during it
     * reached its lead department.
     */
    private List<Map<String, Object>> recoveries(Map<String, Load.Accepted> accepted, Map<String, CaseRow> cases,
            Map<String, Long> assignedArrival) {
        List<ProcessStack.Restart> restarts = stack.restarts();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Injected i : injected) {
            Instant back = i.back();
            if (back == null) {
                back = restarts.stream().filter(r -> r.instance().equals(i.target()) && !r.exited().isBefore(
                        i.at().minusMillis(50))).map(ProcessStack.Restart::healthy).min(Instant::compareTo)
                        .orElse(null);
            }
            long from = nanos(i.at());
            long to = nanos(i.ended()) + TimeUnit.SECONDS.toNanos(1);
            long lastArrival = -1;
            for (Load.Accepted a : accepted.values()) {
                if (a.sentNanos() < from || a.sentNanos() > to) {
                    continue;
                }
                CaseRow row = cases.get(a.petitionNo());
                Long arrived = row == null || row.lead() == null ? null
                        : assignedArrival.get(row.lead() + "/" + a.petitionNo());
                if (arrived != null) {
                    lastArrival = Math.max(lastArrival, arrived);
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fault", i.kind().name());
            row.put("target", i.target());
            row.put("atSecond", Duration.between(startInstant, i.at()).toSeconds());
            row.put("lastedSeconds", Duration.between(i.at(), i.ended()).toMillis() / 1000.0);
            row.put("backSeconds", back == null ? null : Duration.between(i.at(), back).toMillis() / 1000.0);
            row.put("caughtUpSeconds", lastArrival < 0 ? null : (lastArrival - from) / 1e9);
            rows.add(row);
        }
        return rows;
    }

    private long nanos(Instant instant) {
        return startNanos + Duration.between(startInstant, instant).toNanos();
    }

    private static Map<String, Object> summary(List<Map<String, Object>> recoveries) {
        Map<String, Object> summary = new TreeMap<>();
        Map<String, List<Map<String, Object>>> byKind = recoveries.stream().collect(Collectors.groupingBy(r ->
                r.get("fault").equals("KILL") ? "KILL " + ((String) r.get("target")).replaceAll("-\\d+$", "")
                        : (String) r.get("fault")));
        byKind.forEach((kind, rows) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("count", rows.size());
            s.put("back", stats(rows, "backSeconds"));
            s.put("caughtUp", stats(rows, "caughtUpSeconds"));
            summary.put(kind, s);
        });
        return summary;
    }

    private static String stats(Collection<Map<String, Object>> rows, String field) {
        List<Double> values = rows.stream().map(r -> (Double) r.get(field)).filter(v -> v != null).sorted().toList();
        if (values.isEmpty()) {
            return "-";
        }
        return "median %.1f s, max %.1f s".formatted(values.get(values.size() / 2), values.get(values.size() - 1));
    }

    private static String sample(List<String> values) {
        return values.isEmpty() ? "" : " (e.g. " + String.join(", ", values.subList(0, Math.min(3, values.size())))
                + ")";
    }

    @SuppressWarnings("unchecked")
    private static void print(Report report) {
        System.out.println();
        System.out.printf("Fault run '%s' (%d s at %d/s, seed %d): %s%n", report.profile().name(),
                report.profile().length().toSeconds(), report.profile().rate(), report.profile().seed(),
                report.passed() ? "every check passed" : "A CHECK FAILED");
        for (Check c : report.checks()) {
            System.out.printf("  %-4s %s%n       %s%n", c.passed() ? "ok" : "FAIL", c.name(), c.figures());
        }
        System.out.println("  recovery, by fault:");
        System.out.printf("    %-22s %5s  %-32s %-32s%n", "fault", "count", "back (target answers again)",
                "caught up (last petition sent during it heard)");
        ((Map<String, Object>) report.json().get("recoverySummary")).forEach((kind, value) -> {
            Map<String, Object> s = (Map<String, Object>) value;
            System.out.printf("    %-22s %5s  %-32s %-32s%n", kind, s.get("count"), s.get("back"), s.get("caughtUp"));
        });
        System.out.println("  answers the load got: " + report.json().get("answers"));
    }
}
