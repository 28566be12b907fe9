package dev.creditline.domain.billing;

import dev.creditline.domain.DomainException;

/**
 * The user already has a live subscription, so a new subscription checkout is refused (api.md {@code POST /api/billing/subscribe}; lesson 8). HTTP 409. Code {@code ALREADY_SUBSCRIBED}.
 */
public class AlreadySubscribedException extends DomainException {

    /**
     * @param message human sentence shown to the user
     */
    public AlreadySubscribedException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "ALREADY_SUBSCRIBED";
    }
}
