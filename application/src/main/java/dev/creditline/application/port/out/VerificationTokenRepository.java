package dev.creditline.application.port.out;

import java.time.Instant;
import java.util.Optional;

/** Stores email sign-in tokens by SHA-256 hex (table {@code verification_tokens}). */
public interface VerificationTokenRepository {

    /** Stores the token hash; storing the same (identifier, hash) again replaces its expiry. */
    void save(String identifier, String tokenHash, Instant expires);

    /**
     * Deletes the token and returns its expiry in one atomic statement
     * ({@code DELETE ... RETURNING}), so of concurrent callers exactly one gets it.
     */
    Optional<Instant> consume(String identifier, String tokenHash);
}
