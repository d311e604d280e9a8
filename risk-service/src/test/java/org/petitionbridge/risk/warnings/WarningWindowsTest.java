package org.petitionbridge.risk.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The windows a cluster or project warning is raised in, found by binary search, agree with the definition read
 * literally (every window of the days ending at a petition received no earlier than this one, that holds it), which
 * this test keeps as the reference (also for {@link ClusterCounterTest}): on petitions received at random, with many
 * received at the same moment.
 */
class WarningWindowsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @RepeatedTest(50)
    void theFirstWindowThatRaisesIsThatOfTheDefinition(
            org.junit.jupiter.api.RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        List<WarningDetector.Fact> around = petitions(random, 1 + random.nextInt(60));
        int days = 1 + random.nextInt(7);
        int threshold = 1 + random.nextInt(12);
        for (WarningDetector.Fact f : around) {
            assertThat(WarningDetector.windowRaising(around, f, days, w -> w.size() >= threshold))
                    .isEqualTo(raisingByDefinition(around, f, days, w -> w.size() >= threshold));
        }
    }

    @Test
    void aPetitionNotAmongThoseAroundIsInNoWindow() {
        List<WarningDetector.Fact> around = petitions(new Random(7), 10);
        WarningDetector.Fact outside = fact(99, T0);

        assertThat(WarningDetector.windowRaising(around, outside, 7, w -> true)).isEmpty();
    }

    @Test
    void theWindowUpToAMomentHoldsThePetitionsReceivedInTheDaysBeforeItAndAtIt() {
        List<WarningDetector.Fact> around = List.of(fact(1, T0), fact(2, T0.plus(Duration.ofDays(1))),
                fact(3, T0.plus(Duration.ofDays(2))), fact(4, T0.plus(Duration.ofDays(2))),
                fact(5, T0.plus(Duration.ofDays(3))));

        assertThat(WarningDetector.upTo(around, T0.plus(Duration.ofDays(2)), 1)).extracting(WarningDetector.Fact::petitionNo)
                .containsExactly("P3", "P4");
        assertThat(WarningDetector.upTo(around, T0.plus(Duration.ofDays(2)), 2)).extracting(WarningDetector.Fact::petitionNo)
                .containsExactly("P2", "P3", "P4");
    }

    private static List<WarningDetector.Fact> petitions(Random random, int n) {
        List<WarningDetector.Fact> facts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // hours in 20 days, a third of them at a moment another petition came too
            Instant at = T0.plus(Duration.ofHours(random.nextInt(3) == 0 && !facts.isEmpty()
                    ? Duration.between(T0, facts.get(random.nextInt(facts.size())).receivedAt()).toHours()
                    : random.nextInt(24 * 20)));
            facts.add(fact(i, at));
        }
        facts.sort(Comparator.comparing(WarningDetector.Fact::receivedAt).thenComparing(WarningDetector.Fact::petitionNo));
        return facts;
    }

    private static WarningDetector.Fact fact(int i, Instant at) {
        return new WarningDetector.Fact("P" + i, "990101001001", "990101001", "LAND", 1, false, null, Set.of(), at);
    }

    private static <T extends WarningDetector.Received> List<T> window(List<T> around, Instant end, int days) {
        Instant from = end.minus(Duration.ofDays(days));
        return around.stream().filter(x -> x.receivedAt().isAfter(from) && !x.receivedAt().isAfter(end)).toList();
    }

    /** The most petitions in one window of {@code days} holding {@code f} (1 when f is not among them). */
    static <T extends WarningDetector.Received> int mostByDefinition(List<T> around, T f, int days) {
        int most = 0;
        for (T end : around) {
            if (!end.receivedAt().isBefore(f.receivedAt())) {
                List<T> w = window(around, end.receivedAt(), days);
                if (w.contains(f)) {
                    most = Math.max(most, w.size());
                }
            }
        }
        return Math.max(most, 1);
    }

    private static Optional<List<WarningDetector.Fact>> raisingByDefinition(List<WarningDetector.Fact> around,
            WarningDetector.Fact f, int days, Predicate<List<WarningDetector.Fact>> raises) {
        for (WarningDetector.Fact end : around) {
            if (end.receivedAt().isBefore(f.receivedAt())) {
                continue;
            }
            List<WarningDetector.Fact> w = window(around, end.receivedAt(), days);
            if (w.contains(f) && raises.test(w)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
