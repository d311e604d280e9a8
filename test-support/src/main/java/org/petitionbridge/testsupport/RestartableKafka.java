package org.petitionbridge.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Kafka broker and controller (KRaft) in the test JVM that a test can stop and start again
 * on the same port with the same log directory, so that clients reconnect to it and every record survives the
 * outage. spring-kafka's embedded broker cannot do this (it cannot take a fixed port).
 */
public final class RestartableKafka implements AutoCloseable {

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private RestartableKafka(Path logDir, int port, int controllerPort) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a fresh log directory, picks two free ports and starts the broker. */
    public static RestartableKafka start() {
        try {
            Path dir = Files.createTempDirectory("restartable-kafka-");
            RestartableKafka kafka = new RestartableKafka(dir, freePort(), freePort());
            format(dir);
            kafka.resume();
            return kafka;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test broker", e);
        }
    }

    /** {@code localhost:<port>}: the same before and after a restart. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Stops the broker (as a crash of the broker host would look to clients); the log directory is kept. */
    public synchronized void pause() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same ports with the same data. */
    public synchronized void resume() {
        if (server == null) {
            KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(properties(), false), Time.SYSTEM);
            started.startup();
            server = started;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        singleNode(props, logDir);
        props.put("auto.create.topics.enable", "true");
        return props;
    }

    /** The settings of a single-node test broker keeping its log in {@code logDir}: one partition, no replicas. */
    static void singleNode(Properties props, Path logDir) {
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
    }

    /** Stops the broker and deletes its data. */
    @Override
    public synchronized void close() {
        pause();
        deleteRecursively(logDir);
    }

    /** Formats a fresh log directory for a single-node KRaft broker (node 1, controller listener CONTROLLER). */
    static void format(Path dir) throws Exception {
        new Formatter()
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(dir.toString())
                .setDirectories(List.of(dir.toString()))
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .run();
    }

    /** Deletes a test broker's log directory. */
    static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nobody listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
