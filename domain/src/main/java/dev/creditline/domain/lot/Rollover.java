package dev.creditline.domain.lot;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * What an allowance lot carries into the next period when it expires (docs/lots.md,
 * {@code PLAN_<ID>_ROLLOVER_MAX} with {@code PLAN_<ID>_ALLOWANCE_EXPIRY=period_end}):
 * up to {@code maxCredits} of its unused credits move into a {@code rollover} lot that expires
 * at {@code expiresAt}, the end of the following period. One hop: a rollover lot never rolls over.
 *
 * @param maxCredits most credits carried over, &gt; 0
 * @param expiresAt  UTC instant at which the rollover lot expires (the end of the period after the lot's)
 */
public record Rollover(long maxCredits, Instant expiresAt) {

    public Rollover {
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (maxCredits <= 0) {
            throw new IllegalArgumentException("a rollover carries at least one credit");
        }
    }

    /**
     * The credits that move into a rollover lot when {@code lot} expires with its current
     * remaining credits: {@code min(remaining, maxCredits)}, and 0 for a rollover lot (one hop)
     * or a lot that is already closed.
     */
    public long credits(Lot lot) {
        return lot.status().isClosed() ? 0 : credits(lot.category(), lot.remaining());
    }

    /**
     * The credits that move when a lot of {@code category} expires with {@code remaining} credits
     * left: {@code min(remaining, maxCredits)}, 0 for a rollover lot (one hop).
     */
    public long credits(LotCategory category, long remaining) {
        return category == LotCategory.ROLLOVER ? 0 : Math.max(0, Math.min(remaining, maxCredits));
    }

    /**
     * The terms of a subscription's allowance lot of the billing period {@code [periodStart,
     * periodEnd)} ({@link #followingPeriodEnd}), or null when the plan carries nothing over
     * ({@code maxCredits <= 0}).
     */
    public static Rollover of(long maxCredits, Instant periodStart, Instant periodEnd) {
        return maxCredits <= 0 ? null : new Rollover(maxCredits, followingPeriodEnd(periodStart, periodEnd));
    }

    /**
     * The terms of an allowance lot of fixed-length periods (the free plan's 30 days): the
     * rollover lot expires one {@code period} after {@code periodEnd}; null when the plan carries
     * nothing over ({@code maxCredits <= 0}).
     */
    public static Rollover afterFixedPeriod(long maxCredits, Instant periodEnd, Duration period) {
        return maxCredits <= 0 ? null : new Rollover(maxCredits, periodEnd.plus(period));
    }

    /**
     * The end of the billing period after {@code [periodStart, periodEnd)} of a subscription. A
     * period of whole calendar months in UTC (a Stripe monthly or yearly subscription, anchored on
     * a day of the month) is followed by one of as many months, keeping the anchor day where the
     * month has it (Jan 31 → Feb 28 is followed by Feb 28 → Mar 31); any other period (daily or
     * weekly intervals) by one of the same length.
     *
     * @throws IllegalArgumentException when the period is empty or reversed
     */
    public static Instant followingPeriodEnd(Instant periodStart, Instant periodEnd) {
        if (!periodEnd.isAfter(periodStart)) {
            throw new IllegalArgumentException("a period ends after it starts");
        }
        ZonedDateTime start = periodStart.atZone(ZoneOffset.UTC);
        ZonedDateTime end = periodEnd.atZone(ZoneOffset.UTC);
        for (int months = 1; months <= 12; months++) {
            if (start.plusMonths(months).equals(end) || end.minusMonths(months).equals(start)) {
                ZonedDateTime byEnd = end.plusMonths(months);
                ZonedDateTime byAnchor = start.plusMonths(2L * months);
                return (byAnchor.isAfter(byEnd) ? byAnchor : byEnd).toInstant();
            }
        }
        return periodEnd.plus(Duration.between(periodStart, periodEnd));
    }
}
