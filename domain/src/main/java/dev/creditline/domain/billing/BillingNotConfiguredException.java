package dev.creditline.domain.billing;

import dev.creditline.domain.DomainException;

/**
 * Billing cannot run because a Stripe setting is missing (billing.md: with {@code STRIPE_SECRET_KEY} unset billing endpoints answer 503 {@code Stripe not configured}; with {@code STRIPE_WEBHOOK_SECRET} unset the webhook answers 503). HTTP 503. Code {@code STRIPE_NOT_CONFIGURED}.
 */
public class BillingNotConfiguredException extends DomainException {

    /**
     * @param message human sentence shown to the user
     */
    public BillingNotConfiguredException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "STRIPE_NOT_CONFIGURED";
    }
}
