package dev.creditline.domain.metering;

import dev.creditline.domain.DomainException;

/**
 * The {@code Idempotency-Key} was already used on this endpoint for a different request
 * (same key, different request → 422). Code {@code IDEMPOTENCY_KEY_REUSED}.
 */
public class IdempotencyKeyReusedException extends DomainException {

    /** @param key the reused header value */
    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was already used for a different request.");
    }

    @Override
    public String code() {
        return "IDEMPOTENCY_KEY_REUSED";
    }
}
