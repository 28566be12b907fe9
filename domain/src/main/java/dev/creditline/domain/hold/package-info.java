/**
 * Reservations of credits before work is done (lessons 7, 10, 11).
 * A hold is taken before a model call, then settles exactly once: captured at the actual
 * cost, released in full, or expired by the sweeper. Amounts are {@code long} credits;
 * times are UTC {@link java.time.Instant}s.
 */
package dev.creditline.domain.hold;
