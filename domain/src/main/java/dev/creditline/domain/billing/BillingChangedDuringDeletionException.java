package dev.creditline.domain.billing;

import dev.creditline.domain.DomainException;

/**
 * While an account was being deleted, new subscriptions or checkout sessions kept appearing
 * after theirs were cancelled at Stripe, so nothing was deleted; the caller may retry. HTTP 409.
 * Code {@code BILLING_CHANGED_DURING_DELETION}.
 */
public class BillingChangedDuringDeletionException extends DomainException {

    /** @param message human sentence */
    public BillingChangedDuringDeletionException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "BILLING_CHANGED_DURING_DELETION";
    }
}
