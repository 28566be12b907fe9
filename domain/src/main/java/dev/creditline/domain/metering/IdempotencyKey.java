package dev.creditline.domain.metering;

import dev.creditline.domain.ValidationException;
import java.util.Objects;

/**
 * The idempotency key of a mutating request (lesson 9). Keys are scoped per endpoint: the same key may be used once on
 * each endpoint. The request hash tells a faithful retry (same hash) from a reuse of the key
 * for a different request (different hash, 422 {@code IDEMPOTENCY_KEY_REUSED}).
 *
 * @param scope       endpoint name, e.g. {@code model-calls}; 1..64 characters
 * @param key         the caller's key: 1..{@value #MAX_LENGTH} visible ASCII characters
 * @param requestHash hex SHA-256 of the request (method, path, canonical body)
 */
public record IdempotencyKey(String scope, String key, String requestHash) {

    /** Longest accepted key. */
    public static final int MAX_LENGTH = 255;
    /**
     * Validates the components.
     *
     * @throws ValidationException field {@code key} when the key breaks {@link #requireValid};
     *         {@link NullPointerException} for a null scope or hash
     */
    public IdempotencyKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(requestHash, "requestHash");
        if (scope.isEmpty() || scope.length() > 64) {
            throw new IllegalArgumentException("scope must be 1..64 characters");
        }
        requireValid("key", key);
    }

    /**
     * The rule for a key: 1..{@value #MAX_LENGTH} visible ASCII characters (0x21..0x7E). An inbound
     * adapter checks what it received under its own name for the input before building the key.
     *
     * @param field the input's name as the caller spelled it, named by the error
     * @return {@code key}
     * @throws ValidationException naming {@code field} when the key is null, empty, too long or has
     *         other characters
     */
    public static String requireValid(String field, String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new ValidationException(field, "must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new ValidationException(field, "must contain only visible ASCII characters");
            }
        }
        return key;
    }
}
