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
 * @param status          {@link #CREATING} (Stripe not answered yet), {@link #OPEN}, {@link #COMPLETE},
 *                        {@link #EXPIRED} or {@link #FAILED}: our own stored values, not the provider's
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

    /** Status: recorded, the provider has not answered the create call yet. */
    public static final String CREATING = "creating";
    /** Status: the session is open for payment. */
    public static final String OPEN = "open";
    /** Status: the webhook applied the completed session. */
    public static final String COMPLETE = "complete";
    /** Status: the session expired unpaid, or a newer attempt replaced it. */
    public static final String EXPIRED = "expired";
    /** Status: the create call failed, or a newer attempt replaced one never opened. */
    public static final String FAILED = "failed";

    /** The Stripe idempotency key of the create call: {@code checkout_attempt_<id>}. */
    public String idempotencyKey() {
        return "checkout_attempt_" + id;
    }
}
