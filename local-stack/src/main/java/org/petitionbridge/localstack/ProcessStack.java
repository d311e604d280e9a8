package org.petitionbridge.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform as production runs it, on one machine: PostgreSQL, the broker, the token issuer and every service
 * each in its own process, with two instances of intake, routing, ledger and notify in their consumer groups. The
 * first instance of a service keeps its usual port; the second takes that port plus {@value #SECOND_INSTANCE_OFFSET}.
 * <p>
 * This process supervises the others: a process that dies is started again (and the restart is logged), unless it
 * is held down on purpose ({@link #stopPostgres()}). Each process logs to {@code DATA_DIR/logs/NAME.log}. Closing
 * stops the services, then the broker, then PostgreSQL. The fault run uses the same class to kill processes, restart
 * the broker and stop the database.
 */
public final class ProcessStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessStack.class);

    public static final int SECOND_INSTANCE_OFFSET = 10;
    /** The services that run as two instances; risk, the issuer and the console run as one. */
    public static final List<String> SCALED = List.of("intake", "routing", "ledger", "notify");
    /** JVM options of every process: small heaps, and one compiler tier so that a restart costs little CPU. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8");

    /** One process of the stack. */
    public record Instance(String service, int number, int port) {
        public String name() {
            return service + "-" + number;
        }
    }

    /** A process that ended without being asked to, and when it answered again after it was started again. */
    public record Restart(String instance, Instant exited, int exitCode, Instant started, Instant healthy) {
    }

    private final LocalStack.Options options;
    private final List<String> jvmOptions;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final List<Child> services = new CopyOnWriteArrayList<>();
    private final List<Restart> restarts = new CopyOnWriteArrayList<>();
    private Child broker;
    /** The class path of every process: the extracted application jar, or this JVM's class path. */
    private String classPath;
    /** Whether the services' classes come from plain jars, so that class data sharing archives can be made. */
    private boolean sharedArchives;
    private LocalPostgres postgres;
    private DemoReceiver demoReceiver;
    private volatile boolean closing;
    /** Ports of the stack's processes, so that a second instance never takes one of them. */
    private final java.util.Set<Integer> taken = new java.util.HashSet<>();
    private final Thread stopper = new Thread(this::close, "process-stack-shutdown");

    private ProcessStack(LocalStack.Options options, List<String> jvmOptions) {
        this.options = options;
        for (int p : options.ports()) {
            taken.add(p);
        }
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logs = options.dataDir().resolve("logs");
    }

    /** Starts everything from this JVM's runnable jar or class path, and returns once every process answers. */
    public static ProcessStack start(LocalStack.Options requested, Map<String, String> overrides,
            List<String> jvmOptions) throws Exception {
        return start(requested, overrides, jvmOptions, null);
    }

    /**
     * Starts everything and returns once every process answers. The processes run the classes of
     * {@code runnableJar} (a Spring Boot jar holding the local stack, such as {@code petition-bridge-local.jar}), or,
     * when it is null, of the runnable jar this JVM runs, or else of this JVM's class path.
     * <p>
     * A runnable jar is first extracted into {@code DATA_DIR/app} (Spring Boot's {@code jarmode=tools extract}), and
     * each service gets a class data sharing archive ({@code DATA_DIR/cds/SERVICE.jsa}, made by a training run that
     * stops once its context is refreshed): every later start of that service, a restart after a crash above all,
     * then loads its classes from the archive and costs much less CPU. Both are made once per data directory.
     */
    public static ProcessStack start(LocalStack.Options requested, Map<String, String> overrides,
            List<String> jvmOptions, Path runnableJar) throws Exception {
        LocalStack.Options o = resolvePorts(requested);
        ProcessStack stack = new ProcessStack(o, jvmOptions);
        // Ctrl-C or a kill while starting (or later) stops every process, PostgreSQL included.
        Runtime.getRuntime().addShutdownHook(stack.stopper);
        stack.classPath = stack.prepareClassPath(runnableJar);
        try {
            stack.startAll(overrides);
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Map<String, String> overrides) throws Exception {
        Files.createDirectories(logs);
        postgres = LocalPostgres.start(options.dataDir(), options.postgresPort(),
                List.of("intake", "routing", "ledger", "notify", "risk"));
        demoReceiver = new DemoReceiver(options.demoReceiverPort());
        broker = new Child(new Instance("kafka", 1, options.kafkaPort()), List.of("broker",
                options.dataDir().resolve("kafka").toString(), Integer.toString(options.kafkaPort()),
                Integer.toString(options.controllerPort())), null);
        broker.start();
        await(broker, Duration.ofSeconds(90));
        log.info("Kafka on localhost:{} and PostgreSQL on localhost:{} are up", options.kafkaPort(),
                options.postgresPort());
        Map<String, List<String>> arguments = LocalStack.arguments(options,
                db -> postgres.jdbcUrl(db), "localhost:" + options.kafkaPort(), overrides);
        if (sharedArchives) {
            train(arguments);
        }
        // First instances first, so that the stack answers sooner on two cores; then the second instances.
        List<Child> first = new ArrayList<>();
        List<Child> second = new ArrayList<>();
        arguments.forEach((service, args) -> {
            int port = LocalStack.port(options, service);
            first.add(service(new Instance(service, 1, port), args));
            if (SCALED.contains(service)) {
                second.add(service(new Instance(service, 2, secondPort(port)), args));
            }
        });
        for (List<Child> wave : List.of(first, second)) {
            for (Child child : wave) {
                services.add(child);
                child.start();
            }
            for (Child child : wave) {
                await(child, Duration.ofSeconds(180));
            }
        }
    }

    /** The first instance's port + 10, unless another process of the stack has it or it is taken: then a free one. */
    private int secondPort(int first) {
        int port = first + SECOND_INSTANCE_OFFSET;
        if (taken.contains(port) || !isFree(port)) {
            port = nextFreePort(taken);
        }
        taken.add(port);
        return port;
    }

    /**
     * Free ports for the ports asked as 0, from below Linux's ephemeral range (32768 and up): a port from that range
     * could be taken as the source port of an outgoing connection while its process restarts.
     */
    static LocalStack.Options resolvePorts(LocalStack.Options o) {
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int p : o.ports()) {
            if (p != 0) {
                used.add(p);
                used.add(p + SECOND_INSTANCE_OFFSET);
            }
        }
        java.util.function.IntUnaryOperator pick = p -> p != 0 ? p : nextFreePort(used);
        return new LocalStack.Options(o.dataDir().toAbsolutePath(), pick.applyAsInt(o.kafkaPort()),
                pick.applyAsInt(o.controllerPort()), pick.applyAsInt(o.postgresPort()), pick.applyAsInt(o.intakePort()),
                pick.applyAsInt(o.routingPort()), pick.applyAsInt(o.ledgerPort()), pick.applyAsInt(o.notifyPort()),
                pick.applyAsInt(o.riskPort()), pick.applyAsInt(o.demoReceiverPort()), pick.applyAsInt(o.issuerPort()),
                pick.applyAsInt(o.consolePort()));
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
            new java.util.concurrent.atomic.AtomicInteger(20_000 + (int) (ProcessHandle.current().pid() % 500) * 20);

    /** A port in 20000-32000 that no process listens on and the stack has not handed out (with its +10). */
    private static synchronized int nextFreePort(java.util.Set<Integer> used) {
        for (int tries = 0; tries < 12_000; tries++) {
            int port = 20_000 + Math.floorMod(NEXT_PORT.getAndIncrement() - 20_000, 12_000);
            if (!used.contains(port) && !used.contains(port + SECOND_INSTANCE_OFFSET) && isFree(port)
                    && isFree(port + SECOND_INSTANCE_OFFSET)) {
                used.add(port);
                used.add(port + SECOND_INSTANCE_OFFSET);
                return port;
            }
        }
        throw new IllegalStateException("no free port in 20000-32000");
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Child service(Instance instance, List<String> args) {
        List<String> all = new ArrayList<>();
        all.add(instance.service());
        all.addAll(args);
        all.add("--server.port=" + instance.port());
        String health = instance.service().equals("issuer") ? "/.well-known/oauth-authorization-server"
                : "/actuator/health";
        return new Child(instance, all, URI.create("http://localhost:" + instance.port() + health));
    }

    public LocalStack.Options options() {
        return options;
    }

    public String bootstrapServers() {
        return "localhost:" + options.kafkaPort();
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** The service processes (not the broker), in start order. */
    public List<Instance> instances() {
        return services.stream().map(c -> c.instance).toList();
    }

    public List<Instance> instances(String service) {
        return instances().stream().filter(i -> i.service().equals(service)).toList();
    }

    /** Every restart of a process that ended without being asked to, so far. */
    public List<Restart> restarts() {
        return List.copyOf(restarts);
    }

    /** Whether the process answers now (a service's health is UP; the broker accepts connections). */
    public boolean answers(String instance) {
        return answers(child(instance));
    }

    /** Whether the process accepts connections on its port now (whatever its health says). */
    public boolean listens(String instance) {
        return listening(child(instance).instance.port());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL of one process (a service instance, or {@code kafka-1}); it is started again at once. */
    public void kill(String instance) {
        Child child = child(instance);
        log.warn("Killing {} (SIGKILL)", instance);
        child.signal(true);
    }

    /** Stops the broker cleanly (SIGTERM) or hard (SIGKILL); either way it is started again at once. */
    public void restartBroker(boolean clean) {
        log.warn("Restarting the broker ({})", clean ? "SIGTERM" : "SIGKILL");
        broker.signal(!clean);
    }

    /** Stops PostgreSQL (fast shutdown: connections are cut) and keeps it down until {@link #startPostgres()}. */
    public synchronized void stopPostgres() throws Exception {
        log.warn("Stopping PostgreSQL");
        postgres.close();
    }

    public synchronized void startPostgres() throws Exception {
        if (closing) {
            throw new IllegalStateException("the stack is stopping");
        }
        postgres = LocalPostgres.start(options.dataDir(), options.postgresPort(), List.of());
        log.warn("PostgreSQL is back");
    }

    private Child child(String instance) {
        if (broker != null && broker.instance.name().equals(instance)) {
            return broker;
        }
        return services.stream().filter(c -> c.instance.name().equals(instance)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process " + instance));
    }

    private boolean answers(Child child) {
        if (child.health == null) {
            return listening(child.instance.port()); // the broker: its port accepts connections
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(child.health).timeout(Duration.ofSeconds(3))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && (r.body().contains("\"UP\"") || r.body().contains("\"issuer\""));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void await(Child child, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answers(child)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(child.instance.name() + " did not answer within " + timeout.toSeconds()
                        + " s; see " + child.logFile);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (Thread.currentThread() != stopper) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        List<Child> running = new ArrayList<>(services);
        java.util.Collections.reverse(running);
        running.forEach(c -> c.signal(false));
        running.forEach(c -> c.awaitExit(Duration.ofSeconds(40)));
        if (broker != null) {
            broker.signal(false);
            broker.awaitExit(Duration.ofSeconds(40));
        }
        supervisor.shutdownNow();
        if (demoReceiver != null) {
            demoReceiver.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception e) {
                log.warn("PostgreSQL did not stop cleanly", e);
            }
        }
    }

    /** The command that starts a process of the stack ({@code service} names its archive; null for none). */
    private List<String> javaCommand(String service, List<String> extraJvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(extraJvmOptions);
        Path archive = service == null ? null : archive(service);
        if (archive != null && Files.exists(archive) && extraJvmOptions.isEmpty()) {
            command.add("-XX:SharedArchiveFile=" + archive);
        }
        command.addAll(List.of("-cp", classPath, StackProcess.class.getName()));
        return command;
    }

    private Path archive(String service) {
        return sharedArchives ? options.dataDir().resolve("cds").resolve(service + ".jsa") : null;
    }

    /** Extracts the runnable jar (once per data directory) and answers the class path of every process. */
    private String prepareClassPath(Path runnableJar) throws Exception {
        Files.createDirectories(logs);
        String own = System.getProperty("java.class.path");
        Path jar = runnableJar != null ? runnableJar : isRunnableJar(own) ? Path.of(own) : null;
        if (jar == null) {
            return own; // classes and jars of a build (the fault run's test): no archives, directories cannot share
        }
        Path app = options.dataDir().resolve("app");
        Path extracted = app.resolve(jar.getFileName());
        String stamp = jar.toAbsolutePath() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        Path marker = app.resolve("extracted-from");
        if (!Files.exists(marker) || !Files.readString(marker).equals(stamp)) {
            log.info("Extracting {} into {} (once per data directory)", jar.getFileName(), app);
            deleteTree(options.dataDir().resolve("cds")); // archives of another build's classes
            Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination",
                    app.toAbsolutePath().toString(), "--force").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("extract.log").toFile())).start();
            if (!extract.waitFor(5, TimeUnit.MINUTES)) {
                extract.destroyForcibly();
                throw new IllegalStateException("extracting " + jar + " took more than 5 minutes");
            }
            if (extract.exitValue() != 0) {
                throw new IllegalStateException("could not extract " + jar + "; see " + logs.resolve("extract.log"));
            }
            Files.writeString(marker, stamp);
        }
        sharedArchives = true;
        return extracted.toAbsolutePath().toString();
    }

    /**
     * A training run of each service without an archive, all at once: it starts against the stack's database and
     * broker, stops as soon as its context is refreshed ({@code spring.context.exit=onRefresh}: nothing consumed,
     * no port opened), and the JVM writes the classes it loaded to the service's archive on exit.
     */
    private void train(Map<String, List<String>> arguments) throws Exception {
        Files.createDirectories(options.dataDir().resolve("cds"));
        Map<String, Process> training = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : arguments.entrySet()) {
            Path archive = archive(e.getKey());
            if (Files.exists(archive)) {
                continue;
            }
            List<String> command = javaCommand(e.getKey(), List.of("-XX:ArchiveClassesAtExit=" + archive,
                    "-Dspring.context.exit=onRefresh"));
            command.add(e.getKey());
            command.addAll(e.getValue());
            command.add("--server.port=0");
            training.put(e.getKey(), new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("cds-" + e.getKey() + ".log")
                            .toFile())).start());
        }
        if (training.isEmpty()) {
            return;
        }
        log.info("Training runs of {} (class data sharing archives, once per data directory) ...", training.keySet());
        for (Map.Entry<String, Process> e : training.entrySet()) {
            if (!e.getValue().waitFor(5, TimeUnit.MINUTES)) {
                e.getValue().destroyForcibly();
            }
            if (!Files.exists(archive(e.getKey()))) {
                log.warn("No archive for {} (see {}): it starts without one", e.getKey(),
                        logs.resolve("cds-" + e.getKey() + ".log"));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean isRunnableJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getEntry("BOOT-INF/classes/") != null || jar.getEntry("BOOT-INF/lib/") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private final class Child {
        final Instance instance;
        final List<String> command;
        final URI health;
        final Path logFile;
        volatile Process process;
        volatile boolean stopping;
        volatile long startedNanos;
        /** The last exit was asked for (a kill or restart by the fault run): no back-off for it. */
        volatile boolean deliberate;
        /** Wait before the next start: doubled, up to 10 s, while a process keeps dying within a minute of starting. */
        long restartDelayMillis = 500;

        Child(Instance instance, List<String> args, URI health) {
            this.instance = instance;
            this.command = new ArrayList<>(javaCommand(instance.service().equals("kafka") ? null : instance.service(),
                    List.of()));
            this.command.addAll(args);
            this.health = health;
            this.logFile = logs.resolve(instance.name() + ".log");
        }

        synchronized void start() {
            if (closing) {
                return;
            }
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + instance.name(), e);
            }
            startedNanos = System.nanoTime();
            Process started = process;
            started.onExit().thenAccept(this::exited);
        }

        synchronized void signal(boolean kill) {
            Process p = process;
            if (p == null) {
                return;
            }
            stopping = closing;
            deliberate = true;
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }

        void awaitExit(Duration timeout) {
            Process p = process;
            try {
                if (p != null && !p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} did not stop in {} s: killing it", instance.name(), timeout.toSeconds());
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void exited(Process p) {
            if (closing || stopping || p != process) {
                return;
            }
            Instant exited = Instant.now();
            int code = p.exitValue();
            boolean soon = System.nanoTime() - startedNanos < TimeUnit.MINUTES.toNanos(1);
            restartDelayMillis = soon && !deliberate ? Math.min(10_000, restartDelayMillis * 2) : 500;
            deliberate = false;
            log.warn("{} exited with code {}: starting it again in {} s", instance.name(), code,
                    restartDelayMillis / 1000.0);
            supervisor.schedule(() -> {
                if (closing) {
                    return;
                }
                try {
                    start();
                } catch (RuntimeException e) {
                    log.error("Could not start {} again", instance.name(), e);
                    return;
                }
                Instant started = Instant.now();
                // Watching for the process to answer takes a thread of its own, so that no start waits for it.
                Thread watcher = new Thread(() -> watchBack(exited, code, started), "watch-" + instance.name());
                watcher.setDaemon(true);
                watcher.start();
            }, restartDelayMillis, TimeUnit.MILLISECONDS);
        }

        private void watchBack(Instant exited, int code, Instant started) {
            Process p = process;
            while (!closing && p == process && p.isAlive()) {
                if (answers(this)) {
                    Instant healthy = Instant.now();
                    restarts.add(new Restart(instance.name(), exited, code, started, healthy));
                    log.warn("{} is back, {} s after it exited", instance.name(),
                            Duration.between(exited, healthy).toMillis() / 1000.0);
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
