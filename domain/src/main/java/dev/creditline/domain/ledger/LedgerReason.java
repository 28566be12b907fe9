package dev.creditline.domain.ledger;

import java.util.Arrays;

/**
 * Why a ledger entry exists. The wire name is the
 * lower-snake-case value stored in {@code credit_ledger.reason} and shown in JSON.
 */
public enum LedgerReason {
    SIGNUP_BONUS,
    MONTHLY_ALLOWANCE,
    PURCHASE,
    USAGE,
    HOLD,
    HOLD_RELEASE,
    HOLD_CAPTURE_ADJUSTMENT,
    /** A capture of part of a hold before its final settlement, or of its rest by the expiry policy. */
    HOLD_CAPTURE,
    REFUND_CLAWBACK,
    ADMIN_ADJUSTMENT,
    /** A lot's remaining credits leaving the balance at its expiry (docs/lots.md). */
    EXPIRY,
    /** A lot's remaining credits removed on request (docs/lots.md). */
    VOID,
    /** Debt repaid from a new lot right after its grant (docs/lots.md). */
    DEBT_REPAYMENT,
    /** A promotion, referral bonus or goodwill grant (docs/lots.md). */
    PROMOTION,
    /** Unused allowance carried into the next period (docs/lots.md). */
    ROLLOVER;

    /**
     * Whether an entry of this reason and {@code delta} is a grant (analytics.md "Credits views":
     * {@code total}, {@code grantCount}, {@code /credit/grants}): a positive entry that brings new
     * credits. A hold settlement ({@code hold_release}, {@code hold_capture_adjustment}) only gives
     * back what its hold reserved, so it is never a grant.
     */
    public boolean isGrant(long delta) {
        return delta > 0 && this != HOLD_RELEASE && this != HOLD_CAPTURE_ADJUSTMENT;
    }

    /** The stored and rendered name, e.g. {@code signup_bonus}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for a name that is not a reason (a corrupt row)
     */
    public static LedgerReason fromWire(String wire) {
        return Arrays.stream(values())
                .filter(r -> r.wireName().equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ledger reason " + wire));
    }
}
