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
     * An empty range ({@code start == end}) gives no day; a calendar day the zone skipped
     * (no instant has that local date) gives no bucket.
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
        // Local midnights are not monotonic in every zone's history: a zone may skip a whole
        // calendar day (Pacific/Apia had no 2011-12-30: its start equals the next day's start)
        // or move its clocks back across midnight (America/Goose_Bay, 1987). A skipped day gets
        // no bucket; the buckets stay contiguous and ascending either way.
        LocalDate date = LocalDate.ofInstant(start, zone);
        while (date.atStartOfDay(zone).toInstant().isAfter(start)) {
            date = date.minusDays(1);
        }
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        while (dayStart.isBefore(end)) {
            LocalDate next = date.plusDays(1);
            Instant nextStart = next.atStartOfDay(zone).toInstant();
            if (nextStart.isAfter(dayStart)) {
                if (nextStart.isAfter(start)) {
                    days.add(new DayBucket(date, dayStart, nextStart));
                }
                dayStart = nextStart;
            }
            date = next;
        }
        return days;
    }
}
