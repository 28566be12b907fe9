package dev.creditline.application.port.in;

import java.util.UUID;

/** Starts a subscription Checkout (api.md {@code POST /api/billing/subscribe}; billing.md; lesson 8). */
public interface SubscribeUseCase {

    /**
     * Returns the open subscription checkout of the user if there is one; otherwise creates the
     * Stripe customer once (key {@code customer_<user id>}), a checkout attempt (at most one
     * live per user) and a {@code mode=subscription} session (key {@code checkout_attempt_<id>}).
     *
     * @param planId paid plan id, e.g. {@code pro}
     * @return the hosted checkout URL
     * @throws dev.creditline.domain.billing.AlreadySubscribedException live subscription (409)
     * @throws dev.creditline.domain.billing.UnknownPlanException not a purchasable plan (400)
     * @throws dev.creditline.domain.billing.BillingNotConfiguredException Stripe unset (503)
     * @throws dev.creditline.application.port.out.billing.PaymentGatewayException Stripe failed (502)
     */
    String startSubscriptionCheckout(UUID userId, String planId);
}
