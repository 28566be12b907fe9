package dev.creditline.domain.billing;

import dev.creditline.domain.DomainException;

/**
 * The user has no Stripe customer yet, so there is no billing portal to open (api.md {@code POST /api/billing/portal}). HTTP 400. Code {@code NO_STRIPE_CUSTOMER}.
 */
public class NoStripeCustomerException extends DomainException {

    /**
     * @param message human sentence shown to the user
     */
    public NoStripeCustomerException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "NO_STRIPE_CUSTOMER";
    }
}
