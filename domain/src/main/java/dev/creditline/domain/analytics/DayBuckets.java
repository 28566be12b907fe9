package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an instant range into calendar days of a zone (analytics.md "Usage stats": days
 * are calendar days in the requested zone, DST-correct, every day in range present,
 * ascending).
 */
public final class DayBuckets {

    private DayBuckets() {
    }

    /**
     * Every local calendar day that overlaps {@code [start, end)}, ascending, each with its
     * full day bounds (the first and last day may extend beyond the range: callers count
     * only data inside the range). Consecutive buckets touch ({@code end == next.start}).
     * An empty range ({@code start == end}) gives no day.
     *
     * @param start range start (inclusive, UTC)
     * @param end   range end (exclusive, UTC)
     * @param zone  the zone whose calendar is used, e.g. {@code America/Los_Angeles}
     * @throws ValidationException field {@code startTime}, {@code endTime} or {@code timezone}
     *         when null; {@code endTime} when before {@code start}
     */
    public static List<DayBucket> of(Instant start, Instant end, ZoneId zone) {
        if (start == null) {
            throw new ValidationException("startTime", "is required");
        }
        if (end == null) {
            throw new ValidationException("endTime", "is required");
        }
        if (zone == null) {
            throw new ValidationException("timezone", "is required");
        }
        if (end.isBefore(start)) {
            throw new ValidationException("endTime", "must not be before startTime");
        }
        List<DayBucket> days = new ArrayList<>();
        if (start.equals(end)) {
            return days;
        }
        LocalDate last = LocalDate.ofInstant(end.minusNanos(1), zone);
        LocalDate date = LocalDate.ofInstant(start, zone);
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        while (!date.isAfter(last)) {
            LocalDate next = date.plusDays(1);
            Instant nextStart = next.atStartOfDay(zone).toInstant();
            days.add(new DayBucket(date, dayStart, nextStart));
            date = next;
            dayStart = nextStart;
        }
        return days;
    }
}
