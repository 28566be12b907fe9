package dev.creditline.domain.allowance;

import dev.creditline.domain.ValidationException;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The lazy free-plan allowance (lessons 3, 18).
 * Periods are 30-day windows (exactly 30 × 86,400 s, independent of calendars and zones)
 * anchored on the instant of the last free grant; signup is period 0.
 */
public final class FreeAllowance {

    /** Length of a free allowance period: 30 days. */
    public static final Duration PERIOD = Duration.ofDays(30);

    private FreeAllowance() {
    }

    /**
     * The grant due at {@code now}, if any. When {@code now − anchor ≥ 30 days}, one grant
     * for the <em>current</em> period, whose start is
     * {@code anchor + 30d × floor((now − anchor) / 30d)}; earlier missed periods are not
     * back-filled (one grant per check). Otherwise (including {@code now} before the anchor,
     * i.e. clock skew, or {@code monthlyCredits == 0}) nothing is due. Only for free users;
     * the caller never runs it for paid plans.
     *
     * @param userId         the user, part of the ref id
     * @param anchor         {@code monthly_credits_granted_at}: start of the last granted period (UTC)
     * @param now            the time of the check (UTC)
     * @param monthlyCredits the free plan's credits per period, ≥ 0
     * @return the grant, or empty when none is due
     * @throws ValidationException field {@code monthlyCredits} when negative;
     *         {@link NullPointerException} for null arguments
     */
    public static Optional<AllowanceGrant> due(UUID userId, Instant anchor, Instant now, long monthlyCredits) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(now, "now");
        if (monthlyCredits < 0) {
            throw new ValidationException("monthlyCredits", "must not be negative");
        }
        if (monthlyCredits == 0 || now.isBefore(anchor)) {
            return Optional.empty();
        }
        long periods = Duration.between(anchor, now).dividedBy(PERIOD);
        if (periods < 1) {
            return Optional.empty();
        }
        Instant periodStart = anchor.plus(PERIOD.multipliedBy(periods));
        return Optional.of(new AllowanceGrant(monthlyCredits, periodStart, refId(userId, periodStart)));
    }

    /**
     * The latest anchor for which a grant is due at {@code now}: {@code now − 30 days}. With
     * {@code monthlyCredits > 0}, {@link #due} finds a grant exactly when the anchor is at or before this
     * instant — the same rule in a form a conditional write can check on the user's locked row
     * (a debit refused while a grant is due, so that the grant commits first).
     *
     * @param now the time of the check (UTC)
     * @return {@code now − 30 days}
     */
    public static Instant dueAnchorCutoff(Instant now) {
        return Objects.requireNonNull(now, "now").minus(PERIOD);
    }

    /** Ref id of the free grant for the period starting at {@code periodStart}: {@code free:<userId>:<epoch second>}. */
    public static String refId(UUID userId, Instant periodStart) {
        return "free:" + userId + ":" + periodStart.getEpochSecond();
    }
}
