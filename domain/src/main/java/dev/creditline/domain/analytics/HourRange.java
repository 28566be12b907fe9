package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open range of whole UTC hours {@code [start, end)} (analytics.md "Hourly stats
 * cache"); both bounds are on a UTC hour boundary and {@code start ≤ end}. Iterating yields
 * each hour's start instant, ascending.
 *
 * @param start first hour (inclusive)
 * @param end   end (exclusive); equal to {@code start} for an empty range
 */
public record HourRange(Instant start, Instant end) implements Iterable<Instant> {

    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when a bound is not on an hour or {@code end < start}
     *         (use {@link #of(Instant, Instant)} for user input)
     */
    public HourRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!floorHour(start).equals(start) || !floorHour(end).equals(end)) {
            throw new IllegalArgumentException("bounds must be on UTC hours: " + start + ", " + end);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end before start: " + start + ", " + end);
        }
    }

    /**
     * The hours touched by the half-open instant range {@code [from, to)}: start =
     * {@code from} floored to its UTC hour, end = {@code to} ceiled to a UTC hour. When
     * {@code from == to} the range is empty (at the floored hour). An inclusive end (e.g.
     * {@code endTime} in Unix seconds) must be passed as {@code endTime + 1 s}.
     *
     * @throws ValidationException field {@code startTime} / {@code endTime} when null,
     *         {@code endTime} when {@code to} is before {@code from}
     */
    public static HourRange of(Instant from, Instant to) {
        if (from == null) {
            throw new ValidationException("startTime", "is required");
        }
        if (to == null) {
            throw new ValidationException("endTime", "is required");
        }
        if (to.isBefore(from)) {
            throw new ValidationException("endTime", "must not be before startTime");
        }
        Instant start = floorHour(from);
        if (from.equals(to)) {
            return new HourRange(start, start);
        }
        return new HourRange(start, ceilHour(to));
    }

    /** {@code t} truncated to its UTC hour, e.g. 10:59:59 → 10:00. */
    public static Instant floorHour(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    /** {@code t} rounded up to a UTC hour; unchanged when already on one, e.g. 10:00:01 → 11:00. */
    public static Instant ceilHour(Instant t) {
        Instant floor = floorHour(t);
        return floor.equals(t) ? t : floor.plus(HOUR);
    }

    /** True when the range holds no hour. */
    public boolean isEmpty() {
        return start.equals(end);
    }

    /** Number of hours in the range. */
    public long hourCount() {
        return Duration.between(start, end).toHours();
    }

    /** True when {@code t} lies in {@code [start, end)}. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** Every hour start, ascending (materialised; see {@link #iterator()} for a lazy walk). */
    public List<Instant> hours() {
        List<Instant> list = new ArrayList<>((int) Math.min(hourCount(), 1 << 16));
        forEach(list::add);
        return list;
    }

    /** Lazily walks the hour starts, ascending. */
    @Override
    public Iterator<Instant> iterator() {
        return new Iterator<>() {
            private Instant next = start;

            @Override
            public boolean hasNext() {
                return next.isBefore(end);
            }

            @Override
            public Instant next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Instant h = next;
                next = next.plus(HOUR);
                return h;
            }
        };
    }

    /**
     * Splits the range at {@code now} (analytics.md: hours before the current hour come
     * from the cache; the current hour is computed live and never stored).
     *
     * @return {@code past}: complete hours before {@code now}'s hour (cacheable);
     *         {@code current}: {@code now}'s hour when inside the range (live only);
     *         {@code future}: hours after it (no data yet, never cached)
     */
    public Split split(Instant now) {
        Instant currentHour = floorHour(now);
        Instant pastEnd = clamp(currentHour);
        Instant futureStart = clamp(currentHour.plus(HOUR));
        Optional<Instant> current = contains(currentHour) ? Optional.of(currentHour) : Optional.empty();
        return new Split(new HourRange(start, pastEnd), current, new HourRange(futureStart, end));
    }

    private Instant clamp(Instant t) {
        return t.isBefore(start) ? start : t.isAfter(end) ? end : t;
    }

    /**
     * A range split at a point in time; the three parts are disjoint and cover the range.
     *
     * @param past    complete hours before the current one (read from / stored in the cache)
     * @param current the current hour, if in range (always computed live, never stored)
     * @param future  hours after the current one
     */
    public record Split(HourRange past, Optional<Instant> current, HourRange future) {
    }
}
