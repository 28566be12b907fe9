package dev.creditline.domain.user;

import dev.creditline.domain.ValidationException;
import java.time.Instant;
import java.util.UUID;

/**
 * An OAuth or email account linked to a user (Auth.js {@code AdapterAccount}).
 * {@code (provider, providerAccountId)} is unique. {@code expiresAt} is in Unix seconds.
 */
public record LinkedAccount(UUID id, UUID userId, String type, String provider, String providerAccountId,
                            String refreshToken, String accessToken, Long expiresAt, String tokenType,
                            String scope, String idToken, String sessionState, Instant createdAt) {

    public LinkedAccount {
        requireShort("type", type);
        requireShort("provider", provider);
        requireShort("providerAccountId", providerAccountId);
    }

    private static void requireShort(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (value.length() > 255) {
            throw new ValidationException(field, "must be at most 255 characters");
        }
    }
}
