package dev.creditline.application.port.out.billing;

/**
 * Where a checkout session is, as the provider reports it now. The payment adapter maps the
 * provider's wire value to it (Stripe: {@code status} {@code open}, {@code complete},
 * {@code expired}); a value the adapter does not know reads as null.
 */
public enum CheckoutSessionState {
    /** Still payable. */
    OPEN,
    /** The customer completed it (the payment may still be pending). */
    COMPLETE,
    /** Expired unpaid. */
    EXPIRED
}
