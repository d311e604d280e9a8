package org.petitionbridge.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Kafka broker and controller (KRaft) in this JVM: the one launcher behind the local stack's
 * broker and the tests' restartable and SCRAM brokers. spring-kafka's embedded broker cannot do what these need (a
 * fixed port, a stop and a start on the same port with the same data: spring-kafka issue 2916), so the broker is
 * started the way Kafka's own {@code kafka-server-start} does, from {@link KafkaRaftServer}.
 * <p>
 * The log directory is formatted only when it has no {@code meta.properties}, so a broker started again on the same
 * directory keeps its cluster id and every record. Every listener is on {@code localhost}; {@code PLAINTEXT} is the
 * inter-broker listener and {@code CONTROLLER} the controller's.
 */
public final class SingleNodeKafka implements AutoCloseable {

    private final Path logDir;
    private final Map<String, Integer> listeners;
    private final Properties properties;
    private final boolean deleteOnClose;
    private KafkaRaftServer server;

    private SingleNodeKafka(Builder b) {
        this.logDir = b.logDir;
        this.listeners = Map.copyOf(b.listeners);
        this.deleteOnClose = b.deleteOnClose;
        this.properties = properties(b);
    }

    /** A broker keeping its log in {@code logDir}; {@link Builder#start()} formats it if needed and starts it. */
    public static Builder builder(Path logDir) {
        return new Builder(logDir);
    }

    /** A broker in a fresh temporary directory on free ports, deleted on {@link #close()}: for tests. */
    public static Builder temporary() {
        try {
            return new Builder(Files.createTempDirectory("kafka-")).plaintextPort(freePort())
                    .controllerPort(freePort()).deleteOnClose();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {
        private final Path logDir;
        private final Map<String, Integer> listeners = new LinkedHashMap<>();
        private final Map<String, String> protocols = new LinkedHashMap<>();
        private final Properties extra = new Properties();
        private int controllerPort;
        private int partitions = 1;
        private int offsetsPartitions = 1;
        private boolean autoCreateTopics = true;
        private boolean deleteOnClose;

        private Builder(Path logDir) {
            this.logDir = logDir;
        }

        public Builder plaintextPort(int port) {
            return listener("PLAINTEXT", "PLAINTEXT", port);
        }

        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Another client listener, e.g. {@code listener("SASL_PLAINTEXT", "SASL_PLAINTEXT", port)}. */
        public Builder listener(String name, String protocol, int port) {
            listeners.put(name, port);
            protocols.put(name, protocol);
            return this;
        }

        /** Partitions of an automatically created topic, and of the consumer offsets topic. */
        public Builder partitions(int topics, int offsets) {
            this.partitions = topics;
            this.offsetsPartitions = offsets;
            return this;
        }

        public Builder autoCreateTopics(boolean on) {
            this.autoCreateTopics = on;
            return this;
        }

        /** Any other broker setting (SASL, authorizer, ...). */
        public Builder property(String key, String value) {
            extra.put(key, value);
            return this;
        }

        public Builder deleteOnClose() {
            this.deleteOnClose = true;
            return this;
        }

        public SingleNodeKafka start() {
            if (!listeners.containsKey("PLAINTEXT") || controllerPort == 0) {
                throw new IllegalStateException("a PLAINTEXT listener port and a controller port are required");
            }
            SingleNodeKafka kafka = new SingleNodeKafka(this);
            kafka.format();
            kafka.restart();
            return kafka;
        }
    }

    private static Properties properties(Builder b) {
        String clientListeners = b.listeners.entrySet().stream()
                .map(e -> e.getKey() + "://localhost:" + e.getValue()).collect(Collectors.joining(","));
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + b.controllerPort);
        props.put("listeners", clientListeners + ",CONTROLLER://localhost:" + b.controllerPort);
        props.put("advertised.listeners", clientListeners);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", b.protocols.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")) + ",CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", b.logDir.toString());
        props.put("num.partitions", Integer.toString(b.partitions));
        // One node: no replicas of the internal topics.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", Integer.toString(b.offsetsPartitions));
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", Boolean.toString(b.autoCreateTopics));
        props.putAll(b.extra);
        return props;
    }

    private void format() {
        try {
            Files.createDirectories(logDir);
            if (Files.exists(logDir.resolve("meta.properties"))) {
                return;
            }
            new Formatter()
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setIgnoreFormatted(true)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format the broker's log directory " + logDir, e);
        }
    }

    /** {@code localhost:<port>} of the PLAINTEXT listener: the same before and after a restart. */
    public String bootstrapServers() {
        return bootstrapServers("PLAINTEXT");
    }

    /** {@code localhost:<port>} of the named listener. */
    public String bootstrapServers(String listener) {
        Integer port = listeners.get(listener);
        if (port == null) {
            throw new IllegalArgumentException("no listener " + listener);
        }
        return "localhost:" + port;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker (as a crash of the broker host would look to clients); the log directory is kept. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker (again) on the same ports with the same data; nothing happens if it runs. */
    public synchronized void restart() {
        if (server == null) {
            KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            started.startup();
            server = started;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Stops the broker; deletes its data if it was built with {@link Builder#deleteOnClose()}. */
    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose) {
            try (Stream<Path> files = Files.walk(logDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
