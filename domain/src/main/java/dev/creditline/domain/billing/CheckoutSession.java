package dev.creditline.domain.billing;

import java.time.Instant;

/**
 * A created Checkout Session.
 *
 * @param id        session id ({@code cs_...}); the grant ref is
 *                  {@code stripe_checkout_session/<id>}
 * @param url       hosted payment page to redirect the user to
 * @param expiresAt when the session expires (provider's {@code expires_at}, Unix seconds),
 *                  or {@code null} if the provider did not say
 */
public record CheckoutSession(String id, String url, Instant expiresAt) {
}
