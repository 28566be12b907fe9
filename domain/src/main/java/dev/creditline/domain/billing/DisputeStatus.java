package dev.creditline.domain.billing;

import java.util.Locale;

/**
 * A dispute's status as the payment provider reports it. The provider's adapter maps its wire
 * value to a constant; a value it does not know is {@link #UNKNOWN}, which gives nothing back
 * ({@link Disputes#reinstates}), as an unrecognised status always did.
 *
 * <p>Stored as {@link #storageName()}, the lower-case name, e.g. {@code warning_closed}: the same
 * text rows held before the enum existed.
 */
public enum DisputeStatus {
    /** An inquiry (no money taken yet) awaiting our evidence. */
    WARNING_NEEDS_RESPONSE,
    /** An inquiry under the bank's review. */
    WARNING_UNDER_REVIEW,
    /** An inquiry closed without becoming a chargeback: no money was taken. */
    WARNING_CLOSED,
    /** A chargeback awaiting our evidence. */
    NEEDS_RESPONSE,
    /** A chargeback under the bank's review. */
    UNDER_REVIEW,
    /** Closed in our favour. */
    WON,
    /** Closed in the customer's favour. */
    LOST,
    /** Prevented before it became a dispute (no money taken). */
    PREVENTED,
    /** A status the adapter does not know: never gives credits back. */
    UNKNOWN;

    /** Lower-case name for storage, e.g. {@code "needs_response"}. */
    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status stored as {@code name} ({@link #storageName()}).
     *
     * @param name a stored value, or null
     * @return its status; null for null; {@link #UNKNOWN} for a value no constant stores as
     */
    public static DisputeStatus fromStorageName(String name) {
        if (name == null) {
            return null;
        }
        for (DisputeStatus s : values()) {
            if (s.storageName().equals(name)) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** {@link #storageName()} of {@code status}, or null for null. */
    public static String storageNameOf(DisputeStatus status) {
        return status == null ? null : status.storageName();
    }
}
