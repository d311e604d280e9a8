package org.petitionbridge.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.petitionbridge.console.ConsoleApplication;
import org.petitionbridge.intake.IntakeApplication;
import org.petitionbridge.issuer.SigningKeys;
import org.petitionbridge.issuer.TokenIssuerApplication;
import org.petitionbridge.kafka.SingleNodeKafka;
import org.petitionbridge.ledger.LedgerApplication;
import org.petitionbridge.notify.NotifyApplication;
import org.petitionbridge.risk.RiskApplication;
import org.petitionbridge.routing.RoutingApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one process, for a laptop or a demo: a Kafka broker (KRaft) on localhost:9092,
 * PostgreSQL 17 on localhost:15432 with one database per service, the development token issuer on
 * localhost:9000 (the demo county's clients) the four petition services on 8081-8084 and risk on 8085, loaded with
 * the demo county. Data lives in {@code --data-dir} (default {@code ./data}) and survives restarts.
 * Ctrl-C or SIGTERM stops everything in order: services, then broker, then database.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    public static final String READY_LINE = "petition-bridge is ready";

    /** Where the stack keeps its data and which ports it uses; a port of 0 picks a free one. */
    public record Options(Path dataDir, int kafkaPort, int controllerPort, int postgresPort, int intakePort,
            int routingPort, int ledgerPort, int notifyPort, int riskPort, int demoReceiverPort, int issuerPort,
            int consolePort) {

        /** Every port of the stack's processes (0 where one is still to be chosen). */
        public int[] ports() {
            return new int[] {kafkaPort, controllerPort, postgresPort, intakePort, routingPort, ledgerPort, notifyPort,
                    riskPort, demoReceiverPort, issuerPort, consolePort};
        }

        public static Options defaults() {
            return new Options(Path.of("data"), 9092, 9093, 15432, 8081, 8082, 8083, 8084, 8085, 8099, 9000, 8080);
        }

        /** Free ports everywhere: for tests that run beside a local stack. */
        public static Options freePorts(Path dataDir) {
            return new Options(dataDir, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        Options resolved() {
            return new Options(dataDir.toAbsolutePath(), free(kafkaPort), free(controllerPort), free(postgresPort),
                    free(intakePort), free(routingPort), free(ledgerPort), free(notifyPort), free(riskPort),
                    free(demoReceiverPort),
                    free(issuerPort), free(consolePort));
        }

        /** The console's URL (where people open it in a browser). */
        public String consoleUri() {
            return "http://localhost:" + consolePort;
        }

        /** The token issuer's URL: the {@code iss} of its tokens, which the services require. */
        public String issuerUri() {
            return "http://localhost:" + issuerPort;
        }
    }

    private final Options options;
    private final LocalPostgres postgres;
    private final SingleNodeKafka kafka;
    private final List<ConfigurableApplicationContext> services;
    private final DemoReceiver demoReceiver;

    /**
     * DEMO KEYS of intake's petitioner registry, for the local stack only: publicly known, so never for real data.
     * intake has no default keys (it refuses to start without them); docker-compose.yml reads real ones from the
     * operator's env file (docs/operations.md, "Keys"). Given as default properties, so INTAKE_* variables in the
     * environment still win.
     */
    static final String[] DEMO_REGISTRY_KEYS = {
        "INTAKE_ENCRYPTION_ACTIVE_KEY=demo-1",
        "INTAKE_ENCRYPTION_KEYS=demo-1:ZGVtby1vbmx5LWVuY3J5cHRpb24ta2V5LWNoZy1tZSE=",
        "INTAKE_PSEUDONYM_KEY=ZGVtby1vbmx5LXBzZXVkb255bS1rZXktY2hhbmdlISE=",
        "INTAKE_AUDIT_KEY=ZGVtby1vbmx5LWlkZW50aXR5LWF1ZGl0LWtleS1jaGFuZ2UtbWUhIQ==",
    };

    private LocalStack(Options options, LocalPostgres postgres, SingleNodeKafka kafka,
            List<ConfigurableApplicationContext> services, DemoReceiver demoReceiver) {
        this.options = options;
        this.postgres = postgres;
        this.kafka = kafka;
        this.services = services;
        this.demoReceiver = demoReceiver;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--rotate-signing-key")) {
            // A new signing key beside the old ones, in the stack's data directory: a running issuer signs with it
            // at once and keeps publishing the old ones, so tokens issued before stay valid.
            List<String> rest = new ArrayList<>(List.of(args));
            rest.remove("--rotate-signing-key");
            Options options = parse(rest.toArray(String[]::new));
            System.out.println("new signing key " + SigningKeys.inDirectory(signingKeysDir(options)).rotate()
                    + " in " + signingKeysDir(options).toAbsolutePath());
            return;
        }
        boolean separate = List.of(args).contains("--separate-processes");
        Options options = parse(List.of(args).stream().filter(a -> !a.equals("--separate-processes"))
                .toArray(String[]::new));
        long started = System.nanoTime();
        AutoCloseable stack;
        Options o;
        if (separate) {
            ProcessStack processes = ProcessStack.start(options, Map.of(), ProcessStack.DEFAULT_JVM_OPTIONS);
            stack = processes;
            o = processes.options();
        } else {
            LocalStack inProcess = start(options);
            stack = inProcess;
            o = inProcess.options();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("petition-bridge is stopping");
            try {
                stack.close();
            } catch (Exception e) {
                log.warn("The stack did not stop cleanly", e);
            }
            System.out.println("petition-bridge stopped");
        }, "local-stack-shutdown"));
        if (separate) {
            System.out.printf("""
                    (separate processes: two instances of intake, routing, ledger and notify, the second on the
                     first's port + %d, e.g. routing-2 on %d; each process logs to %s/NAME.log, and one that dies
                     is started again)
                    """, ProcessStack.SECOND_INSTANCE_OFFSET, o.routingPort() + ProcessStack.SECOND_INSTANCE_OFFSET,
                    o.dataDir().resolve("logs"));
        }
        System.out.printf("""

                %s in %.1f s (data in %s)
                  console  http://localhost:%d   (sign in as a demo person: xfj-clerk / xfj-clerk-demo, rsj-officer ...)
                  tokens   http://localhost:%d   (POST /oauth2/token, client credentials: rsj / rsj-secret ...)
                  intake   http://localhost:%d   (POST /api/v1/petitions)
                  routing  http://localhost:%d   (POST /api/v1/routing/preview)
                  ledger   http://localhost:%d   (GET  /api/v1/cases/{petitionNo})
                  notify   http://localhost:%d   (POST /api/v1/subscriptions)
                  risk     http://localhost:%d   (POST /api/v1/projects)
                  kafka    localhost:%d    postgres localhost:%d (user postgres)
                  demo department receiver: http://localhost:%d/hooks/... (what arrived: GET /received)
                  API docs: /v3/api-docs and /swagger-ui.html on each service. Ctrl-C stops everything.
                %n""", READY_LINE, (System.nanoTime() - started) / 1e9, o.dataDir(), o.consolePort(), o.issuerPort(),
                o.intakePort(),
                o.routingPort(), o.ledgerPort(), o.notifyPort(), o.riskPort(), o.kafkaPort(), o.postgresPort(),
                o.demoReceiverPort());
    }

    /** Where the token issuer keeps its signing keys: in the data directory, so that tokens survive restarts. */
    public static Path signingKeysDir(Options options) {
        return options.dataDir().resolve("issuer-keys");
    }

    static Options parse(String[] args) {
        Options d = Options.defaults();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("""
                        usage: java -jar local-stack/target/petition-bridge-local.jar [--data-dir DIR]
                               [--kafka-port 9092] [--postgres-port 15432]
                               [--intake-port 8081] [--routing-port 8082] [--ledger-port 8083] [--notify-port 8084]
                               [--risk-port 8085]
                               [--demo-receiver-port 8099] [--issuer-port 9000] [--console-port 8080]
                               [--separate-processes]  (every service in its own process, two instances of
                                                        intake, routing, ledger and notify; restarted if they die)
                               [--rotate-signing-key]  (adds a token signing key to DIR and exits)""");
                System.exit(0);
            }
            String key = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                key = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option " + arg + " needs a value");
            }
            values.put(key, value);
        }
        for (String key : values.keySet()) {
            if (!List.of("--data-dir", "--kafka-port", "--postgres-port", "--intake-port", "--routing-port",
                    "--ledger-port", "--notify-port", "--risk-port", "--demo-receiver-port", "--issuer-port",
                    "--console-port")
                    .contains(key)) {
                throw new IllegalArgumentException("unknown option " + key + " (see --help)");
            }
        }
        int kafkaPort = port(values, "--kafka-port", d.kafkaPort());
        return new Options(Path.of(values.getOrDefault("--data-dir", d.dataDir().toString())), kafkaPort,
                kafkaPort + 1, port(values, "--postgres-port", d.postgresPort()),
                port(values, "--intake-port", d.intakePort()), port(values, "--routing-port", d.routingPort()),
                port(values, "--ledger-port", d.ledgerPort()), port(values, "--notify-port", d.notifyPort()),
                port(values, "--risk-port", d.riskPort()),
                port(values, "--demo-receiver-port", d.demoReceiverPort()),
                port(values, "--issuer-port", d.issuerPort()), port(values, "--console-port", d.consolePort()));
    }

    private static int port(Map<String, String> values, String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    /** Starts everything and returns once every service reports healthy. */
    public static LocalStack start(Options requested) throws Exception {
        return start(requested, Map.of());
    }

    /**
     * Starts everything with some settings of every service overridden (e.g. a benchmark raises the submission
     * rate limit), and returns once every service reports healthy.
     */
    public static LocalStack start(Options requested, Map<String, String> overrides) throws Exception {
        // Four Spring Boot applications share this JVM: logging is configured once, by logback.xml.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        Options o = requested.resolved();
        LocalPostgres postgres = LocalPostgres.start(o.dataDir(), o.postgresPort(),
                List.of("intake", "routing", "ledger", "notify", "risk"));
        SingleNodeKafka kafka = null;
        DemoReceiver demoReceiver = null;
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        try {
            demoReceiver = new DemoReceiver(o.demoReceiverPort());
            // The broker keeps its log with the data, so every event survives a restart of the stack.
            kafka = SingleNodeKafka.builder(o.dataDir().resolve("kafka")).plaintextPort(o.kafkaPort())
                    .controllerPort(o.controllerPort()).partitions(3, 10).start();
            log.info("Kafka on {} and PostgreSQL on localhost:{} are up", kafka.bootstrapServers(), o.postgresPort());
            Map<String, List<String>> arguments = arguments(o, postgres::jdbcUrl, kafka.bootstrapServers(), overrides);
            Map<SpringApplicationBuilder, String[]> builders = new LinkedHashMap<>();
            arguments.forEach((service, args) -> {
                List<String> all = new ArrayList<>(args);
                all.add("--server.port=" + port(o, service));
                builders.put(application(service), all.toArray(String[]::new));
            });
            ExecutorService starter = Executors.newFixedThreadPool(builders.size());
            try {
                List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
                builders.forEach((builder, args) -> starting.add(starter.submit(
                        () -> builder.registerShutdownHook(false).run(args))));
                for (Future<ConfigurableApplicationContext> f : starting) {
                    services.add(f.get());
                }
            } finally {
                starter.shutdown();
            }
            LocalStack stack = new LocalStack(o, postgres, kafka, services, demoReceiver);
            stack.awaitHealthy(Duration.ofSeconds(60));
            return stack;
        } catch (Exception e) {
            new LocalStack(o, postgres, kafka, services, demoReceiver).close();
            throw e;
        }
    }

    /** The applications of the stack, in the order they start, by the name {@link #application} knows them. */
    public static final List<String> SERVICES = List.of("issuer", "intake", "routing", "ledger", "notify", "risk",
            "console");

    /** The Spring Boot application of one of {@link #SERVICES}. */
    public static SpringApplicationBuilder application(String service) {
        return switch (service) {
            case "issuer" -> TokenIssuerApplication.builder();
            case "intake" -> IntakeApplication.builder().properties(DEMO_REGISTRY_KEYS);
            case "routing" -> RoutingApplication.builder();
            case "ledger" -> LedgerApplication.builder();
            case "notify" -> NotifyApplication.builder();
            case "risk" -> RiskApplication.builder();
            case "console" -> ConsoleApplication.builder();
            default -> throw new IllegalArgumentException("no service " + service + " (one of " + SERVICES + ")");
        };
    }

    /** The usual port of a service (its first instance's). */
    public static int port(Options o, String service) {
        return switch (service) {
            case "issuer" -> o.issuerPort();
            case "intake" -> o.intakePort();
            case "routing" -> o.routingPort();
            case "ledger" -> o.ledgerPort();
            case "notify" -> o.notifyPort();
            case "risk" -> o.riskPort();
            case "console" -> o.consolePort();
            default -> throw new IllegalArgumentException("no service " + service);
        };
    }

    /**
     * The command-line arguments of every service of the stack but its port (command-line arguments take precedence
     * over each service's own defaults): the same whether the services share this JVM or run as their own processes.
     */
    static Map<String, List<String>> arguments(Options o, java.util.function.Function<String, String> jdbcUrl,
            String bootstrapServers, Map<String, String> overrides) {
        Map<String, Object> common = new LinkedHashMap<>(Map.of(
                "spring.kafka.bootstrap-servers", bootstrapServers,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "",
                "management.metrics.use-global-registry", "false",
                "spring.jmx.enabled", "false",
                // Every service checks tokens against the development issuer of this stack.
                "TOKEN_ISSUER_URI", o.issuerUri(),
                "TOKEN_JWK_SET_URI", o.issuerUri() + "/oauth2/jwks"));
        common.putAll(overrides);
        Map<String, List<String>> arguments = new LinkedHashMap<>();
        arguments.put("issuer", List.of("--TOKEN_ISSUER_URI=" + o.issuerUri(), "--spring.jmx.enabled=false",
                // the signing keys live with the data: tokens survive a restart of the stack
                "--TOKEN_SIGNING_KEYS_DIR=" + signingKeysDir(o),
                // people sign in to this stack's console
                // (localhost only: for a loopback IP the authorization server would let the port vary)
                "--TOKEN_CONSOLE_REDIRECT_URIS=" + o.consoleUri() + "/login/oauth2/code/petition-bridge",
                "--management.metrics.use-global-registry=false"));
        for (String service : List.of("intake", "routing", "ledger", "notify", "risk")) {
            List<String> args = new ArrayList<>();
            common.forEach((k, v) -> args.add("--" + k + "=" + v));
            args.add("--spring.datasource.url=" + jdbcUrl.apply(service));
            if (service.equals("notify")) {
                // The demo's webhook receivers run on this machine.
                args.add("--petition-bridge.notify.allowed-hosts=localhost,127.0.0.1");
            }
            arguments.put(service, List.copyOf(args));
        }
        arguments.put("console", List.of("--TOKEN_ISSUER_URI=" + o.issuerUri(), "--spring.jmx.enabled=false",
                "--management.metrics.use-global-registry=false",
                "--CONSOLE_INTAKE_URL=http://localhost:" + o.intakePort(),
                "--CONSOLE_ROUTING_URL=http://localhost:" + o.routingPort(),
                "--CONSOLE_LEDGER_URL=http://localhost:" + o.ledgerPort(),
                "--CONSOLE_NOTIFY_URL=http://localhost:" + o.notifyPort(),
                "--CONSOLE_RISK_URL=http://localhost:" + o.riskPort()));
        return arguments;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, String> probes = new LinkedHashMap<>();
        probes.put(options.issuerPort(), "/.well-known/oauth-authorization-server");
        for (int port : List.of(options.intakePort(), options.routingPort(), options.ledgerPort(), options.notifyPort(),
                options.riskPort(), options.consolePort())) {
            probes.put(port, "/actuator/health");
        }
        for (Map.Entry<Integer, String> probe : probes.entrySet()) {
            int port = probe.getKey();
            while (true) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + probe.getValue())).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && (r.body().contains("\"UP\"") || r.body().contains("\"issuer\""))) {
                        break;
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the service on port " + port + " did not report healthy in time");
                }
                Thread.sleep(200);
            }
        }
    }

    public Options options() {
        return options;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    @Override
    public synchronized void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (RuntimeException e) {
                log.warn("A service did not stop cleanly", e);
            }
        }
        services.clear();
        if (demoReceiver != null) {
            demoReceiver.close();
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                log.warn("Kafka did not stop cleanly", e);
            }
        }
        try {
            postgres.close();
        } catch (Exception e) {
            log.warn("PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * A free port, chosen below the kernel's range of ephemeral ports where it can be read: the stack chooses all its
     * ports before its processes bind them, and a port from that range ({@code new ServerSocket(0)} picks one) can be
     * taken meanwhile by the local end of any client connection (the broker's and the database's clients open dozens
     * while the services start), which then failed a start with "Port ... is already in use". Ports below the range
     * are never given to a client connection; each is tried by binding it, and none is handed out twice.
     */
    static int free(int port) {
        if (port != 0) {
            return port;
        }
        int lowestEphemeral = lowestEphemeralPort();
        if (lowestEphemeral > 12_000) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int attempt = 0; attempt < 200; attempt++) {
                int candidate = random.nextInt(lowestEphemeral - 10_000, lowestEphemeral);
                if (!HANDED_OUT.contains(candidate) && bindable(candidate)) {
                    HANDED_OUT.add(candidate);
                    return candidate;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ports this JVM's stacks chose already (a test may run several stacks, one after another). */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range, or 0 where it cannot be read (another system). */
    static int lowestEphemeralPort() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
