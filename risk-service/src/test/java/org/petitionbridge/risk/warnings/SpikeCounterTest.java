package org.petitionbridge.risk.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.petitionbridge.risk.RiskIntegrationTest;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A spike's counts from the day totals (petition_day_count, kept by petition_fact's trigger) are the counts of the
 * petitions themselves: random petitions over six weeks, with bars, counted at random ends both ways, also after
 * categories are named later, petitions are moved and deleted. The township and category are the test's own, so
 * no other test's petitions count.
 */
class SpikeCounterTest extends RiskIntegrationTest {

    @Autowired
    SpikeCounter counter;

    @Autowired
    WarningRules rules;

    private final Random random = new Random(20261203);

    @Test
    void theCountsFromTheDayTotalsAreTheCountsOfThePetitions() {
        String township = "T-" + UUID.randomUUID();
        String category = "C-" + UUID.randomUUID();
        Instant origin = Instant.parse("2026-10-20T00:00:00Z");
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // some at the same instant, some at midnight UTC exactly, the rest anywhere in 45 days
            Instant at = i % 40 == 0 ? origin.plus(Duration.ofDays(random.nextInt(45)))
                    : i % 7 == 0 && i > 0 ? receivedAt(numbers.get(i - 1))
                    : origin.plusSeconds(random.nextLong(45L * 24 * 3600));
            numbers.add(insertFact(township, random.nextInt(4) == 0 ? null : category, at,
                    random.nextInt(6) == 0 ? Set.of(random.nextBoolean() ? "MZJ" : "GAJ") : Set.of()));
        }
        assertSameCounts(township, category, origin);

        // the ledger names the category of those without one; some are moved in time; some are removed
        jdbc.sql("update petition_fact set category = ? where township_code = ? and category is null")
                .params(category, township).update();
        for (int i = 0; i < 40; i++) {
            jdbc.sql("update petition_fact set received_at = received_at + make_interval(hours => ?) where petition_no = ?")
                    .params(random.nextInt(200) - 100, numbers.get(random.nextInt(numbers.size()))).update();
        }
        jdbc.sql("delete from petition_fact where petition_no = any (?)")
                .param(SqlArrays.of(numbers.subList(0, 30))).update();
        assertSameCounts(township, category, origin);
    }

    private void assertSameCounts(String township, String category, Instant origin) {
        List<Instant> ends = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ends.add(origin.plusSeconds(random.nextLong(50L * 24 * 3600)));
        }
        // an end at a petition's own instant, and at midnight
        ends.add(jdbc.sql("select max(received_at) from petition_fact where township_code = ?").param(township)
                .query(Timestamp.class).single().toInstant());
        ends.add(Instant.parse("2026-11-20T00:00:00Z"));
        for (Instant end : ends) {
            for (Set<String> excluded : List.of(Set.<String>of(), Set.of("MZJ"), Set.of("MZJ", "GAJ"))) {
                for (Situation s : List.of(Situation.townshipSpike(township), Situation.categorySpike(category))) {
                    assertThat(counter.count(s, end, excluded)).as("%s up to %s without %s", s.key(), end, excluded)
                            .isEqualTo(countedOneByOne(s, end, excluded));
                }
            }
        }
    }

    /** The counts as petition_fact says, period by period. */
    private SpikeCounter.SpikeCounts countedOneByOne(Situation s, Instant end, Set<String> excluded) {
        WarningRules.Spike rule = rules.spike();
        String column = s.townshipCode() != null ? "township_code" : "category";
        String code = s.townshipCode() != null ? s.townshipCode() : s.category();
        int current = count(column, code, end, rule.days(), 0, excluded);
        List<Integer> trailing = new ArrayList<>();
        for (int k = 1; k <= rule.trailingPeriods(); k++) {
            trailing.add(count(column, code, end, rule.days(), k, Set.of()));
        }
        return new SpikeCounter.SpikeCounts(current, trailing);
    }

    private int count(String column, String code, Instant end, int days, int k, Set<String> excluded) {
        return jdbc.sql("select count(*) from petition_fact where " + column + " = ? and received_at > ?"
                        + " and received_at <= ? and not (barred && cast(? as text[]))")
                .params(code, Timestamp.from(end.minus(Duration.ofDays((long) days * (k + 1)))),
                        Timestamp.from(end.minus(Duration.ofDays((long) days * k))), SqlArrays.of(excluded))
                .query(Integer.class).single();
    }

    private Instant receivedAt(String petitionNo) {
        return jdbc.sql("select received_at from petition_fact where petition_no = ?").param(petitionNo)
                .query(Timestamp.class).single().toInstant();
    }
}
