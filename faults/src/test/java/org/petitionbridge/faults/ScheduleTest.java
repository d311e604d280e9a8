package org.petitionbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final List<String> DEPARTMENTS = List.of("RSJ", "ZJJ", "T002");

    @Test
    void theFullProfileHasEveryFaultItPromisesWithinTheRun() {
        Profile full = Profile.full(7, Path.of("x.json"));
        List<Schedule.Fault> faults = Schedule.plan(full, DEPARTMENTS);
        for (String service : Profile.KILLED) {
            assertThat(faults).filteredOn(f -> f.kind() == Schedule.Kind.KILL && f.target().equals(service))
                    .hasSize(20);
        }
        assertThat(faults).filteredOn(f -> f.kind() == Schedule.Kind.BROKER_CLEAN).hasSize(2);
        assertThat(faults).filteredOn(f -> f.kind() == Schedule.Kind.BROKER_KILL).hasSize(1);
        assertThat(faults).filteredOn(f -> f.kind() == Schedule.Kind.POSTGRES_DOWN).hasSize(2)
                .allSatisfy(f -> assertThat(f.lasts()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60)));
        assertThat(faults).filteredOn(f -> f.kind() == Schedule.Kind.RECEIVER_DOWN).hasSize(2)
                .allSatisfy(f -> assertThat(DEPARTMENTS).contains(f.target()));
        assertThat(faults).allSatisfy(f -> assertThat(f.at().plus(f.lasts())).isLessThan(full.length()));
        assertThat(faults).isSortedAccordingTo(java.util.Comparator.comparing(Schedule.Fault::at));
    }

    @Test
    void brokerRestartsAndDatabaseOutagesNeverOverlap() {
        List<Schedule.Fault> slotted = Schedule.plan(Profile.full(11, Path.of("x.json")), DEPARTMENTS).stream()
                .filter(f -> f.kind() != Schedule.Kind.KILL && f.kind() != Schedule.Kind.RECEIVER_DOWN).toList();
        for (int i = 1; i < slotted.size(); i++) {
            Schedule.Fault before = slotted.get(i - 1);
            assertThat(slotted.get(i).at()).isGreaterThan(before.at().plus(before.lasts()).plusSeconds(30));
        }
    }

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        Profile a = Profile.shortProfile(3, Path.of("x.json"));
        assertThat(Schedule.plan(a, DEPARTMENTS)).isEqualTo(Schedule.plan(a, DEPARTMENTS));
        assertThat(Schedule.plan(Profile.shortProfile(4, Path.of("x.json")), DEPARTMENTS))
                .isNotEqualTo(Schedule.plan(a, DEPARTMENTS));
    }

    @Test
    void theShortProfileKillsEachServiceOnceAndHasOneOfEachOtherFault() {
        List<Schedule.Fault> faults = Schedule.plan(Profile.shortProfile(1, Path.of("x.json")), DEPARTMENTS);
        assertThat(faults).filteredOn(f -> f.kind() == Schedule.Kind.KILL).hasSize(5)
                .extracting(Schedule.Fault::target).containsExactlyInAnyOrderElementsOf(Profile.KILLED);
        assertThat(faults).filteredOn(f -> f.kind() == Schedule.Kind.BROKER_CLEAN).hasSize(1);
        assertThat(faults).filteredOn(f -> f.kind() == Schedule.Kind.POSTGRES_DOWN).hasSize(1);
        assertThat(faults).filteredOn(f -> f.kind() == Schedule.Kind.RECEIVER_DOWN).hasSize(1);
    }
}
