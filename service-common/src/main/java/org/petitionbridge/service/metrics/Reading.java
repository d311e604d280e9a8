package org.petitionbridge.service.metrics;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value that gauges read from the database: read at most once per interval, however often Prometheus scrapes and
 * however many gauges share it (one query for all the departments' gauges). While the database cannot be read the
 * value is null and the gauges answer NaN (no sample), so a dashboard shows a gap rather than a stale number.
 *
 * <p>A gauge holds its source object only weakly unless told otherwise: register every gauge of a reading with
 * {@code strongReference(true)}, or the reading is collected and the gauge answers NaN for good.
 */
public final class Reading<T> {

    private final Supplier<T> read;
    private final long maxAgeNanos;
    private T value;
    private long readAt;
    private boolean hasRead;

    private Reading(Duration maxAge, Supplier<T> read) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public static <T> Reading<T> every(Duration maxAge, Supplier<T> read) {
        return new Reading<>(maxAge, read);
    }

    /** The value, read again when it is older than the interval; null when the last read failed. */
    public synchronized T get() {
        long now = System.nanoTime();
        if (!hasRead || now - readAt >= maxAgeNanos) {
            try {
                value = read.get();
            } catch (RuntimeException e) {
                value = null;
            }
            readAt = now;
            hasRead = true;
        }
        return value;
    }
}
