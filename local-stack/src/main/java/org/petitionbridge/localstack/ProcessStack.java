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
    private final ScheduledExecutorService supervisor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "process-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final List<Child> services = new CopyOnWriteArrayList<>();
    private final List<Restart> restarts = new CopyOnWriteArrayList<>();
    private Child broker;
    private LocalPostgres postgres;
    private DemoReceiver demoReceiver;
    private volatile boolean closing;

    private ProcessStack(LocalStack.Options options, List<String> jvmOptions) {
        this.options = options;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logs = options.dataDir().resolve("logs");
    }

    /** Starts everything and returns once every process answers. */
    public static ProcessStack start(LocalStack.Options requested, Map<String, String> overrides,
            List<String> jvmOptions) throws Exception {
        LocalStack.Options o = requested.resolved();
        ProcessStack stack = new ProcessStack(o, jvmOptions);
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
        // First instances first, so that the stack answers sooner on two cores; then the second instances.
        List<Child> first = new ArrayList<>();
        List<Child> second = new ArrayList<>();
        arguments.forEach((service, args) -> {
            int port = LocalStack.port(options, service);
            first.add(service(new Instance(service, 1, port), args));
            if (SCALED.contains(service)) {
                second.add(service(new Instance(service, 2, port + SECOND_INSTANCE_OFFSET), args));
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
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", child.instance.port()), 1_000);
                return true;
            } catch (IOException e) {
                return false;
            }
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
        closing = true;
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

    /** How a process of the stack is started: from the runnable jar this JVM runs, or from its class path. */
    static List<String> javaCommand(List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        if (isRunnableJar(classPath)) {
            // Spring Boot's PropertiesLauncher runs any main class of the jar, with the jar's nested libraries.
            command.addAll(List.of("-cp", classPath, "-Dloader.main=" + StackProcess.class.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.addAll(List.of("-cp", classPath, StackProcess.class.getName()));
        }
        return command;
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

        Child(Instance instance, List<String> args, URI health) {
            this.instance = instance;
            this.command = new ArrayList<>(javaCommand(jvmOptions));
            this.command.addAll(args);
            this.health = health;
            this.logFile = logs.resolve(instance.name() + ".log");
        }

        synchronized void start() {
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + instance.name(), e);
            }
            Process started = process;
            started.onExit().thenAccept(this::exited);
        }

        void signal(boolean kill) {
            Process p = process;
            if (p == null) {
                return;
            }
            if (!kill) {
                stopping = closing;
            }
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
            log.warn("{} exited with code {}: starting it again", instance.name(), code);
            supervisor.schedule(() -> {
                if (closing) {
                    return;
                }
                start();
                Instant started = Instant.now();
                supervisor.execute(() -> watchBack(exited, code, started));
            }, 500, TimeUnit.MILLISECONDS);
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
