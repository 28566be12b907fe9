package dev.creditline.application.port.in;

import dev.creditline.domain.user.User;
import java.util.Optional;
import java.util.UUID;

/**
 * The user of a verified bearer token as every authenticated request sees them (domain.md "Plans and
 * monthly allowance": a free user is "seen" by any authenticated read): read once, with any due free
 * allowance and lot expiry applied first (nothing more is read when none is due).
 */
public interface SignInUseCase {

    /** The user after any due grant, or empty when the user no longer exists. */
    Optional<User> signedIn(UUID userId);
}
