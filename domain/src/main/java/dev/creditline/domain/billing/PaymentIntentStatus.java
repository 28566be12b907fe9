package dev.creditline.domain.billing;

import java.util.Locale;

/**
 * A payment intent's status as the payment provider reports it: what an off-session charge of an
 * auto top-up came to. The provider's adapter maps its wire value to a constant; a value it does
 * not know is {@link #UNKNOWN}, which is treated like {@link #PROCESSING} (the outcome comes with
 * the webhook), as an unrecognised status always was.
 */
public enum PaymentIntentStatus {
    /** The card was declined or removed: the charge failed. */
    REQUIRES_PAYMENT_METHOD,
    /** Needs a confirmation by the customer. */
    REQUIRES_CONFIRMATION,
    /** Needs the customer's action (e.g. 3-D Secure). */
    REQUIRES_ACTION,
    /** Being processed; the outcome comes with the webhook. */
    PROCESSING,
    /** Authorised, to be captured. */
    REQUIRES_CAPTURE,
    /** Cancelled: the charge failed. */
    CANCELED,
    /** Paid; the credits come with the webhook. */
    SUCCEEDED,
    /** A status the adapter does not know. */
    UNKNOWN;

    /** Lower-case name, as stored in a failure reason ({@code payment_<name>}), e.g. {@code "canceled"}. */
    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
