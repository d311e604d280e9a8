package org.petitionbridge.events;

/** JVM settings every service's {@code main} applies before anything else runs. */
public final class JvmDefaults {

    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private JvmDefaults() {
    }

    /**
     * Gives the common fork-join pool at least two threads unless the operator set its size. On a machine or
     * container with one or two CPUs it would have one, and then {@code CompletableFuture} runs every asynchronous
     * step without an executor on a new thread of its own: the JDK's HTTP client (webhook delivery, the benchmark's
     * load) completes every response that way, which cost a thread start per response. Must run before the common
     * pool is first used.
     */
    public static void apply() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM,
                    Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
    }
}
