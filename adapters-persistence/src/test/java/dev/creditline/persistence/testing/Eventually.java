package dev.creditline.persistence.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one bounded wait of the test suites, for an effect that happens asynchronously (a
 * background worker's pass, a webhook receiver, a standby catching up, a log line written after
 * the response): polls a condition until it holds or a deadline passes, then fails naming what
 * was awaited. Tests never sleep to let <em>service</em> time pass: they advance the service's
 * test clock instead; this waits only for real work on other threads or processes.
 */
public final class Eventually {

    /** How long {@link #eventually(String, BooleanSupplier)} waits: generous for a loaded CI machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until {@code condition} holds. */
    public static void eventually(String what, BooleanSupplier condition) {
        eventually(what, DEFAULT_TIMEOUT, condition);
    }

    /**
     * Waits up to {@code atMost} until {@code condition} holds, checking it every 50 ms (and once
     * more at the deadline).
     *
     * @throws AssertionError when it does not hold within {@code atMost}, or the wait is interrupted
     */
    public static void eventually(String what, Duration atMost, BooleanSupplier condition) {
        if (holdsWithin(atMost, condition)) {
            return;
        }
        throw new AssertionError("not within " + atMost.toMillis() + " ms: " + what);
    }

    /**
     * Whether {@code condition} holds within {@code atMost} (checked every 50 ms and once more at
     * the deadline), for callers that report the outcome themselves.
     */
    public static boolean holdsWithin(Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return condition.getAsBoolean();
            }
            try {
                // the one sleep of a bounded poll: the pause between two checks
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
        return true;
    }
}
