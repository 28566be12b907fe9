package dev.creditline.domain.hold;

import dev.creditline.domain.ValidationException;

import java.time.Duration;

/**
 * How long a hold stays open before the sweeper releases it:
 * default 10 minutes, at least 1 second, at most 24 hours.
 *
 * @param seconds whole seconds, 1..86,400
 */
public record HoldTtl(long seconds) {

    /** Smallest accepted TTL, in seconds. */
    public static final long MIN_SECONDS = 1;
    /** Largest accepted TTL: 24 h in seconds. */
    public static final long MAX_SECONDS = 24 * 60 * 60;
    /** Default TTL: 10 min in seconds. */
    public static final long DEFAULT_SECONDS = 10 * 60;
    /** The default TTL (10 minutes). */
    public static final HoldTtl DEFAULT = new HoldTtl(DEFAULT_SECONDS);
    /** The longest TTL (24 hours). */
    public static final HoldTtl MAX = new HoldTtl(MAX_SECONDS);

    /**
     * Validates the components.
     *
     * @throws ValidationException field {@code ttlSeconds} when out of range
     */
    public HoldTtl {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw new ValidationException("ttlSeconds",
                    "must be between " + MIN_SECONDS + " and " + MAX_SECONDS + " seconds");
        }
    }

    /**
     * The TTL requested by a client ({@code ttlSeconds} in api.md {@code POST /holds}).
     *
     * @param ttlSeconds requested seconds, or {@code null} for the default
     * @throws ValidationException field {@code ttlSeconds} when out of range
     */
    public static HoldTtl ofSeconds(Long ttlSeconds) {
        return ttlSeconds == null ? DEFAULT : new HoldTtl(ttlSeconds);
    }

    /** The TTL as a {@link Duration}. */
    public Duration duration() {
        return Duration.ofSeconds(seconds);
    }
}
