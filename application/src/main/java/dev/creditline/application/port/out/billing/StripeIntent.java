package dev.creditline.application.port.out.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A Stripe call decided inside a transaction and performed after commit (table
 * {@code stripe_intents}; docs/billing.md "Stripe intents").
 *
 * @param id             durable id
 * @param kind           {@link #CANCEL_NOW}, {@link #CANCEL_AT_PERIOD_END}, {@link #EXPIRE_CHECKOUT_SESSION} or {@link #TOPUP_PAYMENT_INTENT}
 * @param targetId       the subscription ({@code sub_...}) or Checkout Session ({@code cs_...})
 * @param idempotencyKey the Stripe idempotency key every attempt sends
 * @param attempts       attempts started so far
 * @param createdAt      when it was decided (UTC)
 */
public record StripeIntent(UUID id, String kind, String targetId, String idempotencyKey, int attempts,
                           Instant createdAt) {

    /** Cancel a subscription immediately. */
    public static final String CANCEL_NOW = "cancel_now";
    /** Schedule a subscription's end at its period end. */
    public static final String CANCEL_AT_PERIOD_END = "cancel_at_period_end";
    /** Expire an open Checkout Session. */
    public static final String EXPIRE_CHECKOUT_SESSION = "expire_checkout_session";
    /** Create an auto top-up's off-session PaymentIntent; target {@code <user id>:<attempt id>}. */
    public static final String TOPUP_PAYMENT_INTENT = "topup_payment_intent";
}
