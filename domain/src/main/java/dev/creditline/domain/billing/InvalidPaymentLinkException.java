package dev.creditline.domain.billing;

import dev.creditline.domain.DomainException;

/** A payment link whose signature does not match or whose time is up. HTTP 403. Code {@code INVALID_PAYMENT_LINK}. */
public class InvalidPaymentLinkException extends DomainException {

    /** @param message human sentence */
    public InvalidPaymentLinkException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "INVALID_PAYMENT_LINK";
    }
}
