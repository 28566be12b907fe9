package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.CheckoutSession;
import java.time.Instant;
import java.util.UUID;

/**
 * Outbound port for every call Creditline makes to the payment provider (Stripe).
 * Spec: billing.md "Outgoing calls";
 * lessons.md 8 (idempotency keys) and 12 (failed cancel is an error, never swallowed).
 *
 * <p>Every creating or changing call carries an idempotency key derived from one of our own
 * durable ids, so a retry after a lost answer returns the first result instead of creating a
 * second customer, session or change. The provider keeps keys for about 24 hours and refuses
 * a reused key with different parameters (that refusal is a {@link PaymentGatewayException}).
 *
 * <p>All methods throw {@link PaymentGatewayException} when the call fails for any reason;
 * the HTTP layer maps it to 502. They never return {@code null} unless stated.
 */
public interface PaymentGateway {

    /**
     * Creates the provider's customer for a user (done once per user; the caller stores the
     * returned id as {@code stripe_customer_id}, which is unique).
     *
     * @param userId         our user id, stored on the customer as metadata {@code user_id}
     * @param email          the user's email, may be {@code null}
     * @param idempotencyKey e.g. {@code customer_<user id>}; not blank
     * @return the customer id ({@code cus_...})
     * @throws PaymentGatewayException when the call fails
     */
    String createCustomer(UUID userId, String email, String idempotencyKey);

    /**
     * Creates a one-off Checkout Session ({@code mode=payment}) for a credit pack: one line item
     * with the pack's price, quantity 1; {@code client_reference_id} = user id; metadata
     * {@code {credits, pack_id, user_id}} on the session and on {@code payment_intent_data}
     * (so a later refund can be traced to the pack); success URL
     * {@code <frontendUrl>/billing?success=1&session_id={CHECKOUT_SESSION_ID}}, cancel URL
     * {@code <frontendUrl>/billing?canceled=1}.
     *
     * @param request what to sell and to whom
     * @return the session id, the hosted payment page URL and its expiry
     * @throws PaymentGatewayException when the call fails
     */
    CheckoutSession createPackCheckout(PackCheckoutRequest request);

    /**
     * Creates a subscription Checkout Session ({@code mode=subscription}) for an existing
     * customer with the plan's price; {@code client_reference_id} = user id; metadata
     * {@code {plan, user_id, checkout_attempt_id}} on the session and on
     * {@code subscription_data} (so subscription events carry it); the idempotency key is
     * {@code checkout_attempt_<checkout attempt id>}. Same success and cancel URLs as packs.
     *
     * @param request plan, price, customer and the durable checkout attempt
     * @return the session id, the hosted page URL and its expiry
     * @throws PaymentGatewayException when the call fails
     */
    CheckoutSession createSubscriptionCheckout(SubscriptionCheckoutRequest request);

    /**
     * Creates a Billing Portal session where the customer manages payment methods and the
     * subscription.
     *
     * @param customerId the provider's customer id ({@code cus_...})
     * @param returnUrl  where the portal sends the user back, e.g. {@code <FRONTEND_URL>/billing}
     * @return the one-time portal URL
     * @throws PaymentGatewayException when the call fails
     */
    String createPortalSession(String customerId, String returnUrl);

    /**
     * Schedules the subscription to end at the end of its current period
     * ({@code cancel_at_period_end=true}); the user keeps the plan until then.
     *
     * @param subscriptionId the provider's subscription id ({@code sub_...})
     * @param idempotencyKey key for this change, derived from a durable id of ours
     * @return when the cancellation takes effect (the subscription's {@code cancel_at}, else
     *         its current period end), or {@code null} if the provider's answer has neither
     * @throws PaymentGatewayException when the call fails (the subscription is then unchanged
     *         as far as we know)
     */
    Instant cancelAtPeriodEnd(String subscriptionId, String idempotencyKey);

    /**
     * Cancels the subscription immediately (account deletion). A failure must stop the
     * deletion (lessons.md 12): it is never swallowed.
     *
     * @param subscriptionId the provider's subscription id ({@code sub_...})
     * @param idempotencyKey key for this cancel, derived from a durable id of ours
     * @throws PaymentGatewayException when the call fails, including when the provider does
     *         not know the subscription
     */
    void cancelNow(String subscriptionId, String idempotencyKey);

    /**
     * Reads a Checkout Session's current state (e.g. to reconcile an attempt the webhook has
     * not settled yet).
     *
     * @param sessionId the session id ({@code cs_...})
     * @return its status and payment status
     * @throws PaymentGatewayException when the call fails, including an unknown session
     */
    CheckoutSessionStatus retrieveCheckoutSession(String sessionId);

    /**
     * Expires an open Checkout Session, so it can no longer be paid (account deletion).
     *
     * @param sessionId      the session id ({@code cs_...})
     * @param idempotencyKey key for this call, derived from a durable id of ours
     * @throws PaymentGatewayException when the call fails, including when the session is no
     *         longer open or unknown
     */
    void expireCheckoutSession(String sessionId, String idempotencyKey);
}
