package dev.creditline.rest.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The result of a successful {@link BearerTokenVerifier#verify(String)} (api.md "Authentication").
 *
 * @param userId    the {@code sub} claim, a UUID in canonical 8-4-4-4-12 form
 * @param role      the optional {@code role} string claim, passed through unchanged; it is only a
 *                  hint — admin rights are decided by the domain, not by this claim
 * @param expiresAt the {@code exp} claim (second precision, UTC)
 */
public record VerifiedToken(UUID userId, Optional<String> role, Instant expiresAt) {

    public VerifiedToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
