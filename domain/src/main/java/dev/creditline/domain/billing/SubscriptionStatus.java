package dev.creditline.domain.billing;

import java.util.Locale;

/**
 * Where a subscription is in its life cycle, as the payment provider reports it. The provider's
 * adapter maps its wire value to a constant; a value it does not know (one the provider adds
 * later) is {@link #UNKNOWN}, which behaves as an unrecognised status always did: not live, not
 * pending, lowest rank ({@link Subscriptions}).
 *
 * <p>Stored (and answered by the API) as {@link #storageName()}, the lower-case name, e.g.
 * {@code past_due}: the same text rows held before the enum existed.
 */
public enum SubscriptionStatus {
    /** Created, first payment pending; cancelled on account deletion. */
    INCOMPLETE,
    /** The first payment never succeeded in time; ended. */
    INCOMPLETE_EXPIRED,
    /** In a trial; bills later. */
    TRIALING,
    /** Paid and current. */
    ACTIVE,
    /** A renewal payment failed; still bills. */
    PAST_DUE,
    /** Renewal payments failed past the retries; still bills. */
    UNPAID,
    /** A trial ended without a payment method; not billing. */
    PAUSED,
    /** Ended. */
    CANCELED,
    /** A status the adapter does not know: never live, ranks below every known status. */
    UNKNOWN;

    /** Lower-case name for storage and JSON, e.g. {@code "past_due"}. */
    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status stored as {@code name} ({@link #storageName()}).
     *
     * @param name a stored value, or null
     * @return its status; null for null; {@link #UNKNOWN} for a value no constant stores as
     */
    public static SubscriptionStatus fromStorageName(String name) {
        if (name == null) {
            return null;
        }
        for (SubscriptionStatus s : values()) {
            if (s.storageName().equals(name)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** {@link #storageName()} of {@code status}, or null for null. */
    public static String storageNameOf(SubscriptionStatus status) {
        return status == null ? null : status.storageName();
    }
}
