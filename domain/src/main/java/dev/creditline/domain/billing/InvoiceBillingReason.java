package dev.creditline.domain.billing;

/**
 * Why an invoice was issued, as the payment provider reports it (not stored). The provider's
 * adapter maps its wire value to a constant; a reason it does not know is {@link #OTHER}, which
 * grants nothing.
 */
public enum InvoiceBillingReason {
    /** The first invoice of a new subscription. */
    SUBSCRIPTION_CREATE,
    /** A renewal at the start of a new period. */
    SUBSCRIPTION_CYCLE,
    /** A change of the subscription (e.g. prorations of a plan change). */
    SUBSCRIPTION_UPDATE,
    /** A usage threshold was reached. */
    SUBSCRIPTION_THRESHOLD,
    /** Legacy: a subscription invoice of an older API version. */
    SUBSCRIPTION,
    /** Created by hand. */
    MANUAL,
    /** A quote was accepted. */
    QUOTE_ACCEPT,
    /** A preview of the next invoice. */
    UPCOMING,
    /** Pending invoice items were invoiced automatically. */
    AUTOMATIC_PENDING_INVOICE_ITEM_INVOICE,
    /** A reason the adapter does not know. */
    OTHER
}
