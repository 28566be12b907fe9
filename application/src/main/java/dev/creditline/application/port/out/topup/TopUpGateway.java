package dev.creditline.application.port.out.topup;

import dev.creditline.domain.billing.PaymentIntentStatus;
import dev.creditline.domain.billing.CheckoutSession;
import dev.creditline.application.port.out.billing.PaymentGatewayException;
import java.util.UUID;

/** The Stripe calls of auto top-up. Never called inside a transaction. */
public interface TopUpGateway {

    /**
     * Creates and confirms an off-session PaymentIntent ({@code POST /v1/payment_intents},
     * {@code confirm=true}, {@code off_session=true}) with the charge's idempotency key.
     *
     * @return the PaymentIntent's id, status and, for {@code requires_action}, where the customer acts
     * @throws PaymentGatewayException when Stripe refuses (a card error: {@code providerStatus} 402 and
     *         the decline code in {@code providerErrorCode}) or cannot be reached
     */
    ChargeResult chargeOffSession(OffSessionCharge charge);

    /**
     * Creates the user's Stripe customer ({@code POST /v1/customers}, metadata {@code user_id}).
     *
     * @param idempotencyKey {@code customer_<user id>}, the key billing uses too, so both converge on one customer
     * @return {@code cus_...}
     */
    String createCustomer(UUID userId, String email, String idempotencyKey);

    /**
     * Opens a Checkout Session in {@code setup} mode that saves a card for off-session use
     * ({@code setup_intent_data[metadata][user_id]}), success and cancel URLs below {@code frontendUrl}/billing.
     */
    CheckoutSession createSetupCheckout(UUID userId, String customerId, String frontendUrl, String idempotencyKey);

    /**
     * A PaymentIntent as Stripe answered it.
     *
     * @param paymentIntentId {@code pi_...}
     * @param status          its status, mapped by the adapter ({@link PaymentIntentStatus#UNKNOWN} for one it
     *                        does not know), or null when Stripe sent none
     * @param actionUrl       {@code next_action.redirect_to_url.url} when Stripe gave one, else null
     */
    record ChargeResult(String paymentIntentId, PaymentIntentStatus status, String actionUrl) {
    }
}
