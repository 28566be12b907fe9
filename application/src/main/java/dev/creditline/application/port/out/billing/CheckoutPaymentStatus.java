package dev.creditline.application.port.out.billing;

/**
 * Whether a completed checkout session has been paid. The payment adapter maps the provider's wire
 * value to it (Stripe: {@code payment_status} {@code paid}, {@code unpaid},
 * {@code no_payment_required}); a value the adapter does not know reads as null.
 */
public enum CheckoutPaymentStatus {
    /** The payment has cleared. */
    PAID,
    /** Not paid yet, e.g. an asynchronous payment method still pending. */
    UNPAID,
    /** Nothing to pay (e.g. a 100 % discount). */
    NO_PAYMENT_REQUIRED;

    /** Whether what was bought may be granted now: paid, or nothing to pay. */
    public boolean settled() {
        return this == PAID || this == NO_PAYMENT_REQUIRED;
    }
}
