package org.petitionbridge.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import org.petitionbridge.kafka.SingleNodeKafka;

/**
 * The main class of one process of the stack in {@code --separate-processes} mode ({@link ProcessStack}): the
 * broker ({@code broker LOG_DIR PORT CONTROLLER_PORT}) or one service ({@code SERVICE ARGS...}, a name of
 * {@link LocalStack#SERVICES}). It stops when it is told to (SIGTERM runs the shutdown hooks: the broker and the
 * service stop cleanly) and when the process that started it has gone, so that no process outlives its stack.
 */
public final class StackProcess {

    private StackProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: StackProcess broker LOG_DIR PORT CONTROLLER_PORT | SERVICE ARGS...");
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("the stack that started this process has gone: stopping");
            System.exit(0);
        }));
        if (args[0].equals("broker")) {
            SingleNodeKafka kafka = SingleNodeKafka.builder(Path.of(args[1])).plaintextPort(Integer.parseInt(args[2]))
                    .controllerPort(Integer.parseInt(args[3])).partitions(3, 10).start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                stopped.countDown();
            }, "broker-shutdown"));
            System.out.println("broker on " + kafka.bootstrapServers() + " is up");
            stopped.await();
            return;
        }
        // One application per JVM, as in production: Spring Boot's shutdown hook stops it cleanly on SIGTERM, and its
        // logging system reads the stack's logback.xml and applies logging.level.* settings.
        LocalStack.application(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
    }
}
