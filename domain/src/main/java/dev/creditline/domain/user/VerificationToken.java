package dev.creditline.domain.user;

import dev.creditline.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An email sign-in token (Auth.js {@code VerificationToken}). Only the SHA-256 hex of the
 * token is stored; the raw token exists only in the request (api.md "Auth.js adapter").
 */
public record VerificationToken(String identifier, String token, Instant expires) {

    public VerificationToken {
        if (identifier == null || identifier.isBlank() || identifier.length() > 512) {
            throw new ValidationException("identifier", "is required and at most 512 characters");
        }
        if (token == null || token.isEmpty() || token.length() > 1024) {
            throw new ValidationException("token", "is required and at most 1024 characters");
        }
        if (expires == null) {
            throw new ValidationException("expires", "is required");
        }
    }

    /** The stored form of a raw token: lower-case SHA-256 hex of its UTF-8 bytes. */
    public static String hash(String rawToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
