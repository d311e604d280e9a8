package org.petitionbridge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.petitionbridge.localstack.LocalStack;
import org.springframework.util.FileSystemUtils;

/**
 * One local stack for all end-to-end test classes of the JVM (started by the first that asks, stopped when the
 * test JVM exits, its data deleted), on free ports, exactly as the README's run command starts it.
 */
final class SharedStack {

    private static LocalStack stack;
    private static Path dataDir;
    private static Platform platform;

    private SharedStack() {
    }

    static synchronized Platform platform() throws Exception {
        if (stack == null) {
            dataDir = Files.createTempDirectory("petition-bridge-e2e");
            stack = LocalStack.start(LocalStack.Options.freePorts(dataDir));
            platform = new Platform(stack.options());
            Runtime.getRuntime().addShutdownHook(new Thread(SharedStack::stop, "e2e-stack-shutdown"));
        }
        return platform;
    }

    static synchronized LocalStack stack() throws Exception {
        platform();
        return stack;
    }

    /** Stops the whole stack and starts it again on the same ports and data. */
    static synchronized Platform restart() throws Exception {
        LocalStack.Options before = stack().options();
        stack.close();
        stack = LocalStack.start(new LocalStack.Options(dataDir, before.kafkaPort(), before.controllerPort(),
                before.postgresPort(), before.intakePort(), before.routingPort(), before.ledgerPort(),
                before.notifyPort(), before.riskPort(), 0, before.issuerPort(), before.consolePort()));
        platform = new Platform(stack.options());
        return platform;
    }

    /** Stops the stack and deletes its data (each run's broker and database take about 100 MB). */
    private static synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
        try {
            FileSystemUtils.deleteRecursively(dataDir);
        } catch (IOException e) {
            System.err.println("could not delete " + dataDir + ": " + e.getMessage());
        }
    }
}
