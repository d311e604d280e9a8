package org.petitionbridge.ledger.clocks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The statutory time limits of 信访工作条例 (2022), in calendar days counted in Asia/Shanghai: the bureau
 * forwards or assigns within 15 days of registration, and the receiving unit notifies the petitioner within
 * 15 days of assignment. A limit falls due at the end of its last day.
 */
public final class StatutoryClock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final int ASSIGN_DAYS = 15;
    public static final int ACKNOWLEDGE_DAYS = 15;

    private StatutoryClock() {
    }

    /** The calendar day in the bureau's time zone. */
    public static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** Forward or assign (转送/交办): 15 days after the petition was received. */
    public static LocalDate assignDue(Instant receivedAt) {
        return day(receivedAt).plusDays(ASSIGN_DAYS);
    }

    /** Notify the petitioner (告知): 15 days after assignment. */
    public static LocalDate acknowledgeDue(Instant assignedAt) {
        return day(assignedAt).plusDays(ACKNOWLEDGE_DAYS);
    }
}
