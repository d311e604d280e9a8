package org.petitionbridge.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a fault run does: how long the load runs and how fast, and how many of each fault it injects meanwhile.
 * {@link #shortProfile} is the one CI runs; {@link #full} the one docs/reliability.md reports.
 *
 * @param killsPerService SIGKILLs of an instance of each of {@link #KILLED}
 * @param brokerRestarts  broker restarts, alternately clean (SIGTERM) and hard (SIGKILL)
 * @param postgresDown    how long each database outage lasts, at least and at most
 * @param receiverDown    how long a department's webhook receiver is down each time
 * @param poisonPercent   poison records written straight to each consumed topic, as a share of its records
 */
public record Profile(String name, Duration length, int rate, int killsPerService, int brokerRestarts,
        int postgresOutages, List<Duration> postgresDown, int receiverOutages, Duration receiverDown,
        double poisonPercent, long seed, Path out) {

    /** The services whose instances are killed: every one that handles petitions. */
    public static final List<String> KILLED = List.of("intake", "routing", "ledger", "notify", "risk");

    /** A few minutes: a kill of each service, a broker restart, a database outage, a receiver outage, poison. */
    public static Profile shortProfile(long seed, Path out) {
        return new Profile("short", Duration.ofMinutes(3), 5, 1, 1, 1,
                List.of(Duration.ofSeconds(30), Duration.ofSeconds(30)), 1, Duration.ofSeconds(60), 1.0, seed, out);
    }

    /**
     * Thirty minutes at 30 petitions a second: 20 kills of each service, 3 broker restarts, 2 database outages. (In
     * twenty minutes the kills of risk, its only instance, would come faster than it restarts on two cores.)
     */
    public static Profile full(long seed, Path out) {
        return new Profile("full", Duration.ofMinutes(30), 30, 20, 3, 2,
                List.of(Duration.ofSeconds(30), Duration.ofSeconds(60)), 2, Duration.ofMinutes(3), 1.0, seed, out);
    }

    Profile with(Duration length, int rate, int killsPerService, int brokerRestarts, int postgresOutages) {
        return new Profile(name, length, rate, killsPerService, brokerRestarts, postgresOutages, postgresDown,
                receiverOutages, receiverDown, poisonPercent, seed, out);
    }
}
