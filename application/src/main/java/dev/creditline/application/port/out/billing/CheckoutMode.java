package dev.creditline.application.port.out.billing;

/**
 * What a checkout session sells. The payment adapter maps the provider's wire value to it (Stripe:
 * {@code mode} {@code payment}, {@code subscription}, {@code setup}); a value the adapter does not
 * know reads as null, which no rule acts on.
 */
public enum CheckoutMode {
    /** A one-off payment: a credit pack. */
    PAYMENT,
    /** A subscription to a paid plan. */
    SUBSCRIPTION,
    /** Saving a payment method without a charge. */
    SETUP
}
