package dev.creditline.domain.billing;

import dev.creditline.domain.DomainException;

/**
 * No checkout session with that id belongs to the caller (api.md {@code GET /api/billing/checkout-status}, owner only). HTTP 404. Code {@code CHECKOUT_SESSION_NOT_FOUND}.
 */
public class CheckoutSessionNotFoundException extends DomainException {

    /**
     * @param message human sentence shown to the user
     */
    public CheckoutSessionNotFoundException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "CHECKOUT_SESSION_NOT_FOUND";
    }
}
