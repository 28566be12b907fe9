package dev.creditline.domain.lot;

import java.time.Instant;

/**
 * How a plan's allowance lots expire (docs/lots.md):
 * {@code PLAN_<ID>_ALLOWANCE_EXPIRY} ({@code never} or {@code period_end}) and
 * {@code PLAN_<ID>_ROLLOVER_MAX}.
 *
 * @param atPeriodEnd whether the allowance of a period expires when the period ends
 * @param rolloverMax most unused credits carried into a rollover lot at that expiry, &gt;= 0 (0 = none)
 */
public record AllowanceExpiry(boolean atPeriodEnd, long rolloverMax) {

    /** The default: allowance lots never expire (the source system's rule). */
    public static final AllowanceExpiry NEVER = new AllowanceExpiry(false, 0);

    public AllowanceExpiry {
        if (rolloverMax < 0 || (rolloverMax > 0 && !atPeriodEnd)) {
            throw new IllegalArgumentException("a rollover needs an allowance that expires at the period end");
        }
    }

    /**
     * Where the allowance lot of the period ending at {@code periodEnd} expires: that instant with
     * {@code period_end}, else (or when the period end is unknown) null = never.
     */
    public Instant expiresAt(Instant periodEnd) {
        return atPeriodEnd ? periodEnd : null;
    }

    /**
     * The rollover terms of the allowance lot of {@code [periodStart, periodEnd)}, or null when
     * nothing rolls over (no maximum, no period end, or an unknown or empty period).
     */
    public Rollover rollover(Instant periodStart, Instant periodEnd) {
        if (!atPeriodEnd || rolloverMax == 0 || periodStart == null || periodEnd == null
                || !periodEnd.isAfter(periodStart)) {
            return null;
        }
        return Rollover.of(rolloverMax, periodStart, periodEnd);
    }
}
