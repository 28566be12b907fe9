package dev.creditline.bootstrap.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service clock of a {@link TestService}: the system clock plus an offset a test moves
 * forward with {@link #advance}, so a test travels in time (an allowance period passing, a hold
 * expiring) without rewriting rows with SQL or sleeping. Time keeps flowing between advances,
 * so everything that relies on real time passing (ordering, timeouts) behaves as in production.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    /** A UTC clock that reads the system time until a test advances it. */
    public TestClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Moves "now" forward by {@code d} for every later reading, in every thread. */
    public TestClock advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        offset.accumulateAndGet(d, Duration::plus);
        return this;
    }

    /**
     * Moves "now" just past {@code instant} (by a millisecond), or by a millisecond when it is
     * already past: a deadline, an expiry or a period end has passed for every later reading.
     */
    public TestClock advancePast(Instant instant) {
        Duration ahead = Duration.between(instant(), instant);
        return advance((ahead.isNegative() ? Duration.ZERO : ahead).plusMillis(1));
    }

    /** How far this clock is ahead of the system clock. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time seen in {@code zone}; advancing either moves both. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(offset, zone);
    }
}
