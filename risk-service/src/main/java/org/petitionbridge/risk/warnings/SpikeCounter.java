package org.petitionbridge.risk.warnings;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A spike's counts: a township's or a category's petitions in the period of {@code days} up to a petition's time of
 * receipt, and in each trailing period before it ({@link WarningRules.Spike}), exactly as counting them in
 * {@code petition_fact} would, but without reading five weeks of petitions for each petition that joins.
 *
 * <p>Let the boundaries be {@code t_k = end - k·days} (k = 0 … periods + 1), and {@code C(t)} the number of the
 * situation's petitions received from the start of the (UTC) day of the oldest boundary up to {@code t}. Period k is
 * {@code C(t_k) - C(t_k+1)}. {@code C(t)} is the sum of the day totals ({@code petition_day_count}, kept by a trigger
 * on petition_fact) from that day to the day of {@code t}, less the petitions of t's day received after t: so a
 * count reads at most 36 day totals and, on each boundary's day, the petitions after it (usually none on the day of
 * the petition just received). The current period's count leaves out the petitions barring {@code excluded}, which
 * are few and have an index of their own.
 */
@Component
class SpikeCounter {

    /**
     * The counts of a spike.
     *
     * @param current  the period's petitions up to the end, without those barring the departments excluded
     * @param trailing each trailing period's petitions (all of them), most recent first
     */
    record SpikeCounts(int current, List<Integer> trailing) {
    }

    private final JdbcClient jdbc;
    private final WarningRules rules;

    SpikeCounter(JdbcClient jdbc, WarningRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    /** The spike's counts of the township's or the category's petitions up to {@code end}. */
    SpikeCounts count(Situation s, Instant end, Set<String> excluded) {
        boolean township = s.townshipCode() != null;
        if (township == (s.category() != null)) {
            throw new IllegalArgumentException("a spike is of a township or a category: " + s.key());
        }
        String column = township ? "township_code" : "category";
        WarningRules.Spike rule = rules.spike();
        int boundaries = rule.trailingPeriods() + 2;
        // as text, cast in the statement (ISO-8601 instants and dates, which PostgreSQL reads as they are)
        String[] at = new String[boundaries];
        String[] day = new String[boundaries];
        String[] nextDay = new String[boundaries];
        for (int k = 0; k < boundaries; k++) {
            Instant t = end.minus(Duration.ofDays((long) rule.days() * k));
            LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
            at[k] = t.toString();
            day[k] = d.toString();
            nextDay[k] = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        }
        List<Integer> upTo = jdbc.sql("""
                        select (select coalesce(sum(c.petitions), 0) from petition_day_count c
                                where c.dimension = :dimension and c.code = :code
                                  and c.day >= :from and c.day <= b.day)
                             - (select count(*) from petition_fact f
                                where f.%1$s = :code and f.received_at > b.at and f.received_at < b.next_day)
                             - case when b.k = 1 and cardinality(cast(:excluded as text[])) > 0 then
                                   (select count(*) from petition_fact f
                                    where f.%1$s = :code and f.received_at > :t1 and f.received_at <= :t0
                                      and cardinality(f.barred) > 0 and f.barred && cast(:excluded as text[]))
                               else 0 end
                        from unnest(cast(cast(:at as text[]) as timestamptz[]), cast(cast(:day as text[]) as date[]),
                                cast(cast(:nextDay as text[]) as timestamptz[]))
                            with ordinality as b(at, day, next_day, k)
                        order by b.k""".formatted(column))
                .param("dimension", township ? "TOWNSHIP" : "CATEGORY")
                .param("code", township ? s.townshipCode() : s.category())
                .param("from", Date.valueOf(day[boundaries - 1])).param("at", at).param("day", day)
                .param("nextDay", nextDay).param("t0", Timestamp.from(end))
                .param("t1", Timestamp.from(end.minus(Duration.ofDays(rule.days())))).param("excluded", SqlArrays.of(excluded))
                .query(Integer.class).list();
        // the first row (ordinality counts from 1) is C(t_0) less the current period's petitions barring the excluded
        List<Integer> trailing = new ArrayList<>(rule.trailingPeriods());
        for (int k = 1; k <= rule.trailingPeriods(); k++) {
            trailing.add(upTo.get(k) - upTo.get(k + 1));
        }
        return new SpikeCounts(upTo.get(0) - upTo.get(1), trailing);
    }
}
