package dev.creditline.domain.event;

import dev.creditline.domain.DomainException;

/** No such webhook endpoint or delivery (HTTP 404 {@code NOT_FOUND}). */
public class WebhookNotFoundException extends DomainException {

    /** @param what e.g. {@code "webhook endpoint 3f…"} */
    public WebhookNotFoundException(String what) {
        super("No " + what + ".");
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }
}
