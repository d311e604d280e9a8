package org.petitionbridge.ledger.clocks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Days of the statutory clocks are counted in the bureau's time zone, Asia/Shanghai. A limit of n days that
 * starts on day D falls due at the end of day D + n.
 */
public final class StatutoryClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private StatutoryClock() {
    }

    /** The calendar day in the bureau's time zone. */
    public static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** The due date of a limit of {@code days} calendar days starting at {@code start}. */
    public static LocalDate due(Instant start, int days) {
        return day(start).plusDays(days);
    }

    /** True once the due date has fully passed. */
    public static boolean isPast(LocalDate due, Instant now) {
        return due != null && day(now).isAfter(due);
    }
}
