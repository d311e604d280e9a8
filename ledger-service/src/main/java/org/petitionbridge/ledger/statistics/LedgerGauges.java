package org.petitionbridge.ledger.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.ledger.cases.CaseClock;
import org.petitionbridge.ledger.clocks.StatutoryClock;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.metrics.Reading;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The 台账's health as gauges, per lead unit (a department or township; UNASSIGNED while the bureau triages): open
 * cases, overdue cases (the running statutory clock past its due date) and cases due within three days. One query
 * serves all of them, at most every 30 seconds. Every instance reports the same figures (they come from the
 * database): a dashboard takes the maximum per unit.
 */
@Component
public class LedgerGauges {

    static final String UNASSIGNED = "UNASSIGNED";
    static final int DUE_SOON_DAYS = 3;

    private static final String ENDED = Arrays.stream(CaseStatus.values()).filter(CaseStatus::isEnded)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));

    private record Figures(long open, long overdue, long dueSoon) {
    }

    LedgerGauges(JdbcClient jdbc, Clock clock, CountyReference county, MeterRegistry meters) {
        Reading<Map<String, Figures>> figures = Reading.every(Duration.ofSeconds(30), () -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), StatutoryClock.ZONE);
            Map<String, Figures> byUnit = new HashMap<>();
            jdbc.sql("select coalesce(lead, '" + UNASSIGNED + "') as unit, count(*) as open,"
                            + " count(*) filter (where " + CaseClock.RUNNING_DUE_SQL + " < :today) as overdue,"
                            + " count(*) filter (where " + CaseClock.RUNNING_DUE_SQL + " between :today and :soon) as due_soon"
                            + " from petition_case where attached_to is null and status not in (" + ENDED + ")"
                            + " group by unit")
                    .param("today", today).param("soon", today.plusDays(DUE_SOON_DAYS))
                    .query(rs -> {
                        byUnit.put(rs.getString("unit"), new Figures(rs.getLong("open"), rs.getLong("overdue"),
                                rs.getLong("due_soon")));
                    });
            return byUnit;
        });
        // The county's units (its departments and the townships' governments), and the bureau's triage.
        List<String> units = new ArrayList<>(county.departments().keySet());
        units.add(UNASSIGNED);
        for (String unit : units) {
            gauge(meters, "ledger.cases.open", "open cases (not ended, not attached to another)", unit, figures,
                    Figures::open);
            gauge(meters, "ledger.cases.overdue", "open cases whose running statutory clock is past its due date",
                    unit, figures, Figures::overdue);
            gauge(meters, "ledger.cases.due.soon", "open cases due today or within " + DUE_SOON_DAYS + " days", unit,
                    figures, Figures::dueSoon);
        }
    }

    private static void gauge(MeterRegistry meters, String name, String description, String unit,
            Reading<Map<String, Figures>> figures, ToLongFunction<Figures> figure) {
        Gauge.builder(name, figures, r -> {
            Map<String, Figures> all = r.get();
            if (all == null) {
                return Double.NaN;
            }
            Figures f = all.get(unit);
            return f == null ? 0 : figure.applyAsLong(f);
        }).strongReference(true).description(description).tag("department", unit).register(meters);
    }
}
