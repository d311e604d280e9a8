package org.petitionbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The benchmark's options and its arithmetic; the measurement itself is a run, not a test (docs/benchmark.md). */
class PipelineBenchmarkTest {

    @Test
    void theDefaultsAreThoseDocsBenchmarkMdGives() {
        PipelineBenchmark.Options o = PipelineBenchmark.parse(new String[0]);
        assertThat(o.rates()).containsExactly(100);
        assertThat(o.seconds()).isEqualTo(60);
        assertThat(o.maxSeconds()).isEqualTo(60);
        assertThat(o.warmupSeconds()).isEqualTo(60);
        assertThat(o.rawSeconds()).isEqualTo(15);
        assertThat(o.concurrency()).isEqualTo(32);
        assertThat(o.overrides()).isEmpty();
        assertThat(o.out().toString()).startsWith("bench/target/bench-jdk").endsWith(".json");
    }

    @Test
    void severalRatesAndServiceSettingsCanBeGiven() {
        PipelineBenchmark.Options o = PipelineBenchmark.parse(new String[] {"--rate", "10, 25", "--set",
                "KAFKA_CONSUMER_CONCURRENCY=1,LEDGER_DUE_SOON_DAYS=2", "--out", "x.json"});
        assertThat(o.rates()).isEqualTo(List.of(10, 25));
        assertThat(o.overrides()).isEqualTo(Map.of("KAFKA_CONSUMER_CONCURRENCY", "1", "LEDGER_DUE_SOON_DAYS", "2"));
        assertThat(o.out().toString()).isEqualTo("x.json");
    }

    @Test
    void aSettingWithoutAValueIsRefusedByName() {
        assertThatThrownBy(() -> PipelineBenchmark.parse(new String[] {"--set", "KAFKA_CONSUMER_CONCURRENCY"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KAFKA_CONSUMER_CONCURRENCY");
    }

    @Test
    void theCeilingAddsTheMachineTimeOfEveryRecordAndRowAtTheRawRates() {
        // 6 records at 30,000/s = 0.2 ms, 60 rows at 20,000/s = 3 ms: 3.2 ms of the machine per petition.
        PipelineBenchmark.Cost cost = new PipelineBenchmark.Cost(6, 1.5, 20, 60, 30, 55, 20);
        assertThat(PipelineBenchmark.ceiling(cost, 30_000, 20_000)).isCloseTo(312.5, within(0.01));
        assertThat(PipelineBenchmark.ceiling(new PipelineBenchmark.Cost(0, 0, 0, 0, 0, 0, 0), 30_000, 20_000)).isNaN();
    }
}
