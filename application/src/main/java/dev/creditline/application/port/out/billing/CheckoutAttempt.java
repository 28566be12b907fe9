package dev.creditline.application.port.out.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A durable checkout attempt (table {@code checkout_attempts}; billing.md "Outgoing calls";
 * lesson 8). Its id is the Stripe idempotency key {@code checkout_attempt_<id>}.
 *
 * @param id              attempt id
 * @param userId          buyer
 * @param kind            {@link #SUBSCRIPTION} or {@link #PACK}
 * @param itemId          plan id or pack id
 * @param status          {@code creating} (Stripe not answered yet), {@code open}, {@code complete},
 *                        {@code expired} or {@code failed}
 * @param stripeSessionId {@code cs_...} once open, else null
 * @param checkoutUrl     the hosted checkout URL once open, else null
 * @param expiresAt       session expiry (UTC) once open, else null
 * @param createdAt       creation time (UTC)
 */
public record CheckoutAttempt(UUID id, UUID userId, String kind, String itemId, String status,
                              String stripeSessionId, String checkoutUrl, Instant expiresAt, Instant createdAt) {

    /** Kind of a subscription checkout. */
    public static final String SUBSCRIPTION = "subscription";
    /** Kind of a credit-pack checkout. */
    public static final String PACK = "pack";

    /** The Stripe idempotency key of the create call: {@code checkout_attempt_<id>}. */
    public String idempotencyKey() {
        return "checkout_attempt_" + id;
    }
}
