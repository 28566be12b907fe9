package dev.creditline.domain.billing;

import dev.creditline.domain.DomainException;

/**
 * The user has no live subscription to cancel (api.md {@code POST /api/billing/cancel}). HTTP 409. Code {@code NO_ACTIVE_SUBSCRIPTION}.
 */
public class NoActiveSubscriptionException extends DomainException {

    /**
     * @param message human sentence shown to the user
     */
    public NoActiveSubscriptionException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "NO_ACTIVE_SUBSCRIPTION";
    }
}
