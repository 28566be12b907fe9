package dev.creditline.domain.metering;

import dev.creditline.domain.ValidationException;
import java.util.Objects;

/**
 * An {@code Idempotency-Key} header of a mutating internal request
 * (lesson 9). Keys are scoped per endpoint: the same key may be used once on
 * each endpoint. The request hash tells a faithful retry (same hash) from a reuse of the key
 * for a different request (different hash, 422 {@code IDEMPOTENCY_KEY_REUSED}).
 *
 * @param scope       endpoint name, e.g. {@code model-calls}; 1..64 characters
 * @param key         the header value: 1..{@value #MAX_LENGTH} visible ASCII characters
 * @param requestHash hex SHA-256 of the request (method, path, canonical body)
 */
public record IdempotencyKey(String scope, String key, String requestHash) {

    /** Longest accepted key. */
    public static final int MAX_LENGTH = 255;
    /** Name of the header, used as the field name in errors. */
    public static final String HEADER = "Idempotency-Key";

    /**
     * Validates the components.
     *
     * @throws ValidationException field {@value #HEADER} when the key is empty, too long or has
     *         characters outside visible ASCII (0x21..0x7E); {@link NullPointerException} for a null
     *         scope or hash
     */
    public IdempotencyKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(requestHash, "requestHash");
        if (scope.isEmpty() || scope.length() > 64) {
            throw new IllegalArgumentException("scope must be 1..64 characters");
        }
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new ValidationException(HEADER, "must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new ValidationException(HEADER, "must contain only visible ASCII characters");
            }
        }
    }
}
