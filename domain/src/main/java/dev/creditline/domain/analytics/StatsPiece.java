package dev.creditline.domain.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One piece of a stats read plan (analytics.md "Hourly stats cache"): a half-open instant range
 * {@code [start, end)} that is answered either from a cached period ({@link Kind#HOUR} — one whole
 * past UTC hour; {@link Kind#DAY} — one whole past calendar day of the zone whose bounds are on UTC
 * hours) or live from the model calls ({@link Kind#LIVE} — the current hour, partial hours at the
 * range edges, and hours cut by a day boundary that is not on a UTC hour).
 *
 * @param start first instant (UTC, inclusive)
 * @param end   end (UTC, exclusive), after {@code start}
 * @param kind  how the piece is answered
 */
public record StatsPiece(Instant start, Instant end, Kind kind) {

    /** How a piece is answered. */
    public enum Kind {
        /** A whole past UTC hour: cache row set (granularity {@code hour}). */
        HOUR,
        /** A whole past local day on hour bounds: day roll-up (granularity {@code day}). */
        DAY,
        /** Computed from {@code model_calls} on every read, never stored. */
        LIVE
    }

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when {@code end} is not after {@code start}, or a cached
     *         piece is not on UTC hours
     */
    public StatsPiece {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(kind, "kind");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("piece must end after it starts: " + start + ", " + end);
        }
        if (kind != Kind.LIVE && (!HourRange.floorHour(start).equals(start) || !HourRange.floorHour(end).equals(end))) {
            throw new IllegalArgumentException("cached piece must be on UTC hours: " + start + ", " + end);
        }
        if (kind == Kind.HOUR && !Duration.between(start, end).equals(Duration.ofHours(1))) {
            throw new IllegalArgumentException("hour piece must last one hour");
        }
    }

    /** True when the piece is read from (and stored in) the cache. */
    public boolean cached() {
        return kind != Kind.LIVE;
    }
}
