package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * Windows of the weekly and monthly comparisons (analytics.md "Comparisons"; lesson 19).
 * Both windows are half-open: current = {@code [start, end)} with {@code end = now};
 * previous = {@code [previousStart, previousEnd)} with
 * {@code previousEnd = min(previousStart + (now − start), start)}, i.e. the same elapsed
 * span (absolute duration) of the previous period, clamped to that period's end.
 *
 * @param start         start of the current period (local midnight of Monday / the 1st, as UTC)
 * @param end           now (exclusive)
 * @param previousStart start of the previous period
 * @param previousEnd   end of the compared span of the previous period (exclusive)
 */
public record ComparisonPeriod(Instant start, Instant end, Instant previousStart, Instant previousEnd) {

    /**
     * Week to date: weeks start Monday 00:00 in {@code zone} (ISO).
     *
     * @throws ValidationException field {@code now} or {@code timezone} when null
     */
    public static ComparisonPeriod week(Instant now, ZoneId zone) {
        check(now, zone);
        LocalDate monday = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return build(now, monday.atStartOfDay(zone).toInstant(), monday.minusWeeks(1).atStartOfDay(zone).toInstant());
    }

    /**
     * Month to date: months start on the 1st at 00:00 in {@code zone}.
     *
     * @throws ValidationException field {@code now} or {@code timezone} when null
     */
    public static ComparisonPeriod month(Instant now, ZoneId zone) {
        check(now, zone);
        LocalDate first = LocalDate.ofInstant(now, zone).withDayOfMonth(1);
        return build(now, first.atStartOfDay(zone).toInstant(), first.minusMonths(1).atStartOfDay(zone).toInstant());
    }

    /** Elapsed span of the current period: {@code end − start}. */
    public Duration elapsed() {
        return Duration.between(start, end);
    }

    private static ComparisonPeriod build(Instant now, Instant start, Instant previousStart) {
        Instant previousEnd = previousStart.plus(Duration.between(start, now));
        if (previousEnd.isAfter(start)) {
            previousEnd = start;
        }
        return new ComparisonPeriod(start, now, previousStart, previousEnd);
    }

    private static void check(Instant now, ZoneId zone) {
        if (now == null) {
            throw new ValidationException("now", "is required");
        }
        if (zone == null) {
            throw new ValidationException("timezone", "is required");
        }
    }
}
