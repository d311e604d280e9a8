package org.petitionbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault run's short profile, in CI: the platform in separate processes (started from the local stack's jar)
 * under load while an instance of each of intake, routing, ledger, notify and risk is killed, the broker restarts,
 * the database is down for 30 s, a receiver is down for a minute and poison is written to every consumed topic.
 * Every check of the run must pass: nothing lost, nothing applied twice, dead letters equal to the poison, every
 * queue empty, the door answering 503 with Retry-After. The table is printed and written to
 * {@code target/fault-run-short.json}.
 */
class ShortFaultRunTest {

    @Test
    void underTheShortProfileNothingIsLostAndNothingAppliedTwice(@TempDir Path data) throws Exception {
        // The processes run the local stack's runnable jar, which the build made before this module's tests.
        FaultRun.Report report = FaultRun.run(Profile.shortProfile(1, Path.of("target", "fault-run-short.json")),
                data, Path.of("..", "local-stack", "target", "petition-bridge-local.jar"));
        assertThat(report.checks()).hasSizeGreaterThanOrEqualTo(7);
        assertThat(report.checks()).allSatisfy(check ->
                assertThat(check.passed()).as(check.name() + ": " + check.figures()).isTrue());
    }
}
