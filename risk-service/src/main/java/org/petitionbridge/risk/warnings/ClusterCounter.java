package org.petitionbridge.risk.warnings;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Set;

import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A cluster's count for a petition that joins its open warning: the most petitions of the township and category that
 * any window of {@code days} holding the petition has, counted by PostgreSQL (a window function over the petitions of
 * {@code days} either side), so that the petitions of those two weeks (94 a petition in
 * the benchmark) are not sent to the detector and decoded for every petition that joins.
 *
 * <p>A window of {@code days} ending at {@code t} holds the petitions received after {@code t - days} and up to
 * {@code t}, those received at {@code t} included. PostgreSQL's {@code range} frames include their start, so the
 * frame starts one microsecond (the resolution of {@code timestamptz}) later. The windows holding the petition end
 * at a petition received no earlier than it and less than {@code days} after it.
 */
@Component
class ClusterCounter {

    private final JdbcClient jdbc;

    ClusterCounter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The most petitions of the township and category, without those barring {@code excluded}, in one window of
     * {@code days} holding petition {@code f}; 1 when f is not among them.
     */
    int mostInOneWindow(String township, String category, WarningDetector.Received f, int days,
            Set<String> excluded) {
        // hours, not days: a day of interval arithmetic follows the session's time zone, a window is 24 hours a day
        return jdbc.sql("""
                        with around as materialized (
                            select petition_no, received_at from petition_fact
                            where received_at > :from and received_at <= :until
                              and township_code = :township and category = :category
                              and not (barred && cast(:excluded as text[]))),
                        f as (select received_at as at from around where petition_no = :no)
                        select coalesce(max(w.n), 1) from f, (
                            select received_at, count(*) over (order by received_at
                                range between make_interval(hours => 24 * :days) - interval '1 microsecond' preceding
                                and current row) as n
                            from around) w
                        where w.received_at >= f.at and w.received_at < f.at + make_interval(hours => 24 * :days)""")
                .param("from", Timestamp.from(f.receivedAt().minus(Duration.ofDays(days))))
                .param("until", Timestamp.from(f.receivedAt().plus(Duration.ofDays(days))))
                .param("township", township).param("category", category)
                .param("excluded", SqlArrays.of(excluded)).param("no", f.petitionNo()).param("days", days)
                .query(Integer.class).single();
    }
}
