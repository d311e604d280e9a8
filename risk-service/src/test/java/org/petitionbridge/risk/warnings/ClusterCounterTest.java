package org.petitionbridge.risk.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.petitionbridge.risk.RiskIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * PostgreSQL's count of a cluster's largest window holding a petition is the definition's
 * ({@link WarningWindowsTest#mostByDefinition}, read literally): random petitions of one township and category over
 * three weeks, many received at the same moment or exactly a window's length apart (whole hours, and a day of
 * windows is 24 of them), some a microsecond off, some barring a department, and petitions of the township's other
 * categories and of another township in the same category, which must not count. The township and category are the
 * test's own, so no other test's petitions count.
 */
class ClusterCounterTest extends RiskIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

    @Autowired
    ClusterCounter counter;

    private final Random random = new Random(20261204);

    /** A petition as the definition reads it. */
    record At(String petitionNo, Instant receivedAt) implements WarningDetector.Received {
    }

    @Test
    void theLargestWindowHoldingAPetitionIsTheDefinitions() {
        String township = "T-" + UUID.randomUUID();
        String category = "C-" + UUID.randomUUID();
        List<At> all = new ArrayList<>();
        List<At> barring = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            Instant at = i % 5 == 0 && !all.isEmpty() ? all.get(random.nextInt(all.size())).receivedAt()
                    : T0.plus(Duration.ofHours(random.nextInt(24 * 21)));
            if (i % 11 == 0) {
                at = at.plus(random.nextBoolean() ? 1 : -1, ChronoUnit.MICROS);
            }
            boolean bars = random.nextInt(6) == 0;
            At petition = new At(insertFact(township, category, at, bars ? Set.of("MZJ") : Set.of()), at);
            all.add(petition);
            if (bars) {
                barring.add(petition);
            }
            // the same moments in the township's other category and in another township: never counted
            if (i % 3 == 0) {
                insertFact(township, "C-" + UUID.randomUUID(), at, Set.of());
                insertFact("T-" + UUID.randomUUID(), category, at, Set.of());
            }
        }
        all.sort(Comparator.comparing(At::receivedAt).thenComparing(At::petitionNo));
        List<At> withoutBarring = all.stream().filter(p -> !barring.contains(p)).toList();

        int most = 0;
        for (int days : List.of(1, 3, 7)) {
            for (At f : all) {
                int counted = counter.mostInOneWindow(township, category, f, days, Set.of());
                most = Math.max(most, counted);
                assertThat(counted).as("%s in %d days", f, days)
                        .isEqualTo(WarningWindowsTest.mostByDefinition(all, f, days));
                // a petition barring the department left out is in no window: 1
                assertThat(counter.mostInOneWindow(township, category, f, days, Set.of("MZJ", "GAJ")))
                        .as("%s in %d days without MZJ", f, days)
                        .isEqualTo(WarningWindowsTest.mostByDefinition(withoutBarring, f, days));
            }
        }
        assertThat(most).as("the petitions are dense enough for windows of many").isGreaterThan(20);
    }

    @Test
    void aPetitionOfAnotherSituationIsInNoWindowOfThisOne() {
        String township = "T-" + UUID.randomUUID();
        Instant at = T0.plus(Duration.ofDays(2));
        insertFact(township, "LAND", at, Set.of());
        insertFact(township, "LAND", at, Set.of());
        At elsewhere = new At(insertFact(township, "WAGES", at, Set.of()), at);

        assertThat(counter.mostInOneWindow(township, "LAND", elsewhere, 7, Set.of())).isEqualTo(1);
    }
}
