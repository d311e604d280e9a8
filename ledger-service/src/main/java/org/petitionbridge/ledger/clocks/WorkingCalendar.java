package org.petitionbridge.ledger.clocks;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Working days in the bureau's calendar: Monday to Friday, less the holidays the bureau entered, plus the
 * weekend days it entered as working days (调休).
 */
@Component
public class WorkingCalendar {

    /** The days between two days (both included) that differ from the Monday-to-Friday week: HOLIDAY or WORKDAY. */
    @FunctionalInterface
    public interface SpecialDays {
        Map<LocalDate, String> between(LocalDate from, LocalDate to);
    }

    private final SpecialDays special;

    /** The bureau's calendar, as it stands in {@code calendar_day} ({@code PUT /api/v1/calendar}). */
    @Autowired
    WorkingCalendar(CalendarRepository days) {
        this((SpecialDays) days);
    }

    /** A calendar of the given special days (a fixed calendar: a year's holidays as a test knows them). */
    public WorkingCalendar(SpecialDays special) {
        this.special = special;
    }

    /** The day that is {@code n} working days after {@code start} (start itself does not count). */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        Map<LocalDate, String> special = this.special.between(start, start.plusDays(n * 3L + 30));
        LocalDate day = start;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkingDay(day, special)) {
                counted++;
            }
        }
        return day;
    }

    static boolean isWorkingDay(LocalDate day, Map<LocalDate, String> special) {
        String kind = special.get(day);
        if (kind != null) {
            return "WORKDAY".equals(kind);
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
