package org.petitionbridge.ledger.clocks;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The days the bureau entered in its calendar ({@code calendar_day}); {@link WorkingCalendar} counts with them. */
@Repository
class CalendarRepository implements WorkingCalendar.SpecialDays {

    private final JdbcClient jdbc;

    CalendarRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Schema(description = "A day that differs from the Monday-to-Friday week")
    record CalendarDay(@Schema(example = "2026-10-01") LocalDate day,
            @Schema(allowableValues = {"HOLIDAY", "WORKDAY"}) String kind, @Schema(example = "国庆节") String name) {
    }

    List<CalendarDay> days(int year) {
        return jdbc.sql("select day, kind, name from calendar_day where day between ? and ? order by day")
                .params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
                .query((rs, i) -> new CalendarDay(rs.getDate("day").toLocalDate(), rs.getString("kind"),
                        rs.getString("name"))).list();
    }

    /** Sets each day; a day already set is replaced. */
    void set(List<CalendarDay> days) {
        for (CalendarDay d : days) {
            jdbc.sql("insert into calendar_day (day, kind, name) values (?, ?, ?) on conflict (day) do update"
                    + " set kind = excluded.kind, name = excluded.name").params(d.day(), d.kind(), d.name()).update();
        }
    }

    @Override
    public Map<LocalDate, String> between(LocalDate from, LocalDate to) {
        Map<LocalDate, String> days = new HashMap<>();
        jdbc.sql("select day, kind from calendar_day where day between ? and ?").params(from, to)
                .query((rs, i) -> days.put(rs.getDate("day").toLocalDate(), rs.getString("kind"))).list();
        return days;
    }

    void clear(LocalDate day) {
        jdbc.sql("delete from calendar_day where day = ?").param(day).update();
    }
}
