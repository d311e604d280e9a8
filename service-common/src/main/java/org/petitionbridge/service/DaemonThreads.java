package org.petitionbridge.service;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * The background loops of the services (the outbox relay, the webhook dispatcher) start and stop their threads the
 * same way: daemon threads with a name, stopped by an interrupt and a bounded wait.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads named {@code name}, for an executor. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts {@code loop} on a daemon thread named {@code name}. */
    public static Thread start(String name, Runnable loop) {
        Thread thread = named(name).newThread(loop);
        thread.start();
        return thread;
    }

    /** Interrupts the thread (if any) and waits for it at most {@code patience}. */
    public static void stop(Thread thread, Duration patience) {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
