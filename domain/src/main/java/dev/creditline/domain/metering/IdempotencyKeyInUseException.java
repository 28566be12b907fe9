package dev.creditline.domain.metering;

import dev.creditline.domain.DomainException;

/**
 * The request with this {@code Idempotency-Key} could not be matched to a finished outcome
 * (e.g. it was purged while the retry ran); the client may retry. Code
 * {@code IDEMPOTENCY_KEY_IN_USE} (409).
 */
public class IdempotencyKeyInUseException extends DomainException {

    /** @param key the header value */
    public IdempotencyKeyInUseException(String key) {
        super("The request with Idempotency-Key " + key + " is still being processed; retry shortly.");
    }

    @Override
    public String code() {
        return "IDEMPOTENCY_KEY_IN_USE";
    }
}
