package dev.creditline.application.port.in;

import dev.creditline.domain.user.VerificationToken;
import java.util.Optional;

/** Email sign-in tokens (Auth.js {@code createVerificationToken} / {@code useVerificationToken}). */
public interface VerificationTokenUseCase {

    /** Stores the token hashed and returns it as given. */
    VerificationToken create(VerificationToken token);

    /**
     * Uses a token exactly once: the first caller gets it (even when expired; Auth.js checks
     * expiry) and it is deleted; every later or concurrent caller gets empty (lesson 23).
     */
    Optional<VerificationToken> use(String identifier, String rawToken);
}
