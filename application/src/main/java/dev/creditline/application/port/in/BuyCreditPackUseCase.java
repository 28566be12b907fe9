package dev.creditline.application.port.in;

import java.util.UUID;

/** Starts a Stripe Checkout for a credit pack (api.md {@code POST /api/billing/checkout}; billing.md). */
public interface BuyCreditPackUseCase {

    /**
     * Creates a durable checkout attempt and a {@code mode=payment} Checkout Session with the
     * idempotency key {@code checkout_attempt_<attempt id>}.
     *
     * @return the hosted checkout URL
     * @throws dev.creditline.domain.plan.UnknownCreditPackException unknown pack (400)
     * @throws dev.creditline.domain.billing.BillingNotConfiguredException Stripe unset (503)
     * @throws dev.creditline.application.port.out.billing.PaymentGatewayException Stripe failed (502)
     */
    String startPackCheckout(UUID userId, String packId);
}
