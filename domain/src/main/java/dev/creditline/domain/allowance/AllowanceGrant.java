package dev.creditline.domain.allowance;

import dev.creditline.domain.ledger.LedgerRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A free allowance grant that is due.
 *
 * @param credits     credits to add, ≥ 1
 * @param periodStart start of the period being granted (UTC); it becomes the user's new
 *                    {@code monthly_credits_granted_at} anchor
 * @param refId       deterministic ledger ref id {@code free:<userId>:<periodStart epoch second>}
 *                    (ref type {@value #REF_TYPE}); unique per user and period so concurrent
 *                    checks grant once (lesson 3)
 */
public record AllowanceGrant(long credits, Instant periodStart, String refId) {

    /** Ledger ref type of free allowance grants. */
    public static final String REF_TYPE = LedgerRef.MONTHLY_ALLOWANCE;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when {@code credits < 1}; {@link NullPointerException} for nulls
     */
    public AllowanceGrant {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(refId, "refId");
        if (credits < 1) {
            throw new IllegalArgumentException("credits must be positive");
        }
    }
}
