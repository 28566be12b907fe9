package dev.creditline.application.port.out.topup;

/**
 * What an off-session charge needs from the user's row.
 *
 * @param email           the user's e-mail (for a new Stripe customer), or null
 * @param customerId      the Stripe customer ({@code cus_...}), or null
 * @param paymentMethodId the saved payment method ({@code pm_...}), or null
 */
public record PaymentSource(String email, String customerId, String paymentMethodId) {
}
