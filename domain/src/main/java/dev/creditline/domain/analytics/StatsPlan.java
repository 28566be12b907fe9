package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans how a stats range is read (analytics.md "Hourly stats cache"; lesson 25): the exact
 * half-open range {@code [from, to)} is cut at every local midnight of the zone, then each day
 * segment becomes one {@link StatsPiece.Kind#DAY DAY} piece (a whole day before the current hour,
 * on UTC hour bounds), or whole past {@link StatsPiece.Kind#HOUR HOUR} pieces with
 * {@link StatsPiece.Kind#LIVE LIVE} pieces for partial hours and for the current hour onwards.
 * The pieces are disjoint, ascending, cover {@code [from, to)} exactly and none crosses a local
 * midnight, so each belongs to the day bucket of its start.
 */
public final class StatsPlan {

    private static final Duration HOUR = Duration.ofHours(1);
    /** Longest day roll-up (the cache table's CHECK on {@code granularity = 'day'}). */
    private static final Duration MAX_DAY = Duration.ofHours(26);

    private StatsPlan() {
    }

    /**
     * The pieces of {@code [from, to)}.
     *
     * @param from     range start (inclusive, UTC)
     * @param to       range end (exclusive, UTC)
     * @param zone     zone whose calendar days are used
     * @param now      the current instant; its hour and later are always live
     * @param useDays  whether whole days may be answered from day roll-ups
     * @throws ValidationException as {@link DayBuckets#of}
     */
    public static List<StatsPiece> of(Instant from, Instant to, ZoneId zone, Instant now, boolean useDays) {
        List<StatsPiece> pieces = new ArrayList<>();
        Instant currentHour = HourRange.floorHour(now);
        for (DayBucket day : DayBuckets.of(from, to, zone)) {
            Instant a = day.start().isBefore(from) ? from : day.start();
            Instant b = day.end().isAfter(to) ? to : day.end();
            boolean wholeDay = a.equals(day.start()) && b.equals(day.end());
            boolean onHours = HourRange.floorHour(a).equals(a) && HourRange.floorHour(b).equals(b);
            Duration length = Duration.between(a, b);
            // A roll-up is a day of 23-25 h in practice; days a zone made shorter or longer by an
            // offset change outside (1 h, 26 h] are read hour by hour instead.
            boolean rollUpLength = length.compareTo(HOUR) > 0 && length.compareTo(MAX_DAY) <= 0;
            if (useDays && wholeDay && onHours && rollUpLength && !b.isAfter(currentHour)) {
                pieces.add(new StatsPiece(a, b, StatsPiece.Kind.DAY));
                continue;
            }
            Instant x = a;
            if (!HourRange.floorHour(x).equals(x)) {
                Instant e = min(HourRange.ceilHour(x), b);
                pieces.add(new StatsPiece(x, e, StatsPiece.Kind.LIVE));
                x = e;
            }
            while (!x.plus(HOUR).isAfter(b) && !x.plus(HOUR).isAfter(currentHour)) {
                pieces.add(new StatsPiece(x, x.plus(HOUR), StatsPiece.Kind.HOUR));
                x = x.plus(HOUR);
            }
            if (x.isBefore(b)) {
                pieces.add(new StatsPiece(x, b, StatsPiece.Kind.LIVE));
            }
        }
        return pieces;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
