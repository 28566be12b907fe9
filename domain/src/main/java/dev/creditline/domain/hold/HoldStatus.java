package dev.creditline.domain.hold;

import java.util.Locale;

/**
 * Life cycle of a hold. {@link #OPEN} is the only state that can
 * change; the three others are terminal ("a hold settles exactly once", lesson 7).
 */
public enum HoldStatus {
    /** Reserved; counts in {@code pendingCredit}. */
    OPEN,
    /** Settled at the actual cost. */
    CAPTURED,
    /** Refunded on request (what partial captures took stays taken). */
    RELEASED,
    /**
     * Settled after {@code expiresAt} by its expiry policy (the sweeper, or a late model call): the rest
     * refunded ({@code release}) or kept ({@code capture}).
     */
    EXPIRED;

    /** True for every state except {@link #OPEN}. */
    public boolean isSettled() {
        return this != OPEN;
    }

    /** Lower-case name for storage and JSON, e.g. {@code "open"}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
