package dev.creditline.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A clock whose instants are truncated to microseconds, the precision of PostgreSQL's
 * {@code timestamptz}: an instant a service keeps in memory equals the one it stored and reads
 * back, so comparisons and idempotency keys built from "now" agree with the database. The
 * composition root wraps the service clock in it once; services read {@code clock.instant()}.
 */
public final class MicrosecondClock extends Clock {

    private final Clock clock;

    private MicrosecondClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code clock} truncated to microseconds ({@code clock} itself when it already is). */
    public static Clock of(Clock clock) {
        return clock instanceof MicrosecondClock ? clock : new MicrosecondClock(clock);
    }

    @Override
    public Instant instant() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return clock.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MicrosecondClock(clock.withZone(zone));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MicrosecondClock other && clock.equals(other.clock);
    }

    @Override
    public int hashCode() {
        return clock.hashCode() ^ 0x6d6963;
    }

    @Override
    public String toString() {
        return "MicrosecondClock[" + clock + "]";
    }
}
