package dev.creditline.domain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One calendar day in a time zone (analytics.md "Usage stats", {@code dailyStats}):
 * the half-open instant range {@code [start, end)} from local midnight to the next local
 * midnight (23 or 25 hours on DST change days).
 *
 * @param date  the local calendar date
 * @param start first instant of the day (UTC)
 * @param end   first instant of the next day (UTC)
 */
public record DayBucket(LocalDate date, Instant start, Instant end) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when {@code end} is not after {@code start}
     */
    public DayBucket {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("day must end after it starts");
        }
    }

    /** Length of the day: 24 h, or 23 h / 25 h on DST changes. */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** True when {@code t} lies in {@code [start, end)}. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
