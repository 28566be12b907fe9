package dev.creditline.application.port.in;

import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The lazy free monthly allowance (lesson 3): when a
 * free user is seen (balance or profile read, credit check, debit) and 30 days passed since the
 * anchor, grant the free plan's credits once for the current period and move the anchor.
 * Never runs for paid plans.
 */
public interface FreeAllowanceUseCase {

    /** Does nothing and reports no user; for services built without metering. */
    FreeAllowanceUseCase NONE = userId -> Optional.empty();

    /**
     * Grants the allowance if due (exactly once per period, also under concurrency).
     *
     * @return the user as stored after any grant, or empty when there is no such user
     */
    Optional<User> refresh(UUID userId);

    /**
     * Grants the allowance if due for a user the caller has just read: reads nothing more when
     * no grant is due (the common case), so it can run on every authenticated request.
     *
     * @param seen the user as just read
     * @return the user as stored after any grant (the same object when none was due), or empty
     *         when the user no longer exists
     */
    default Optional<User> refresh(User seen) {
        return refresh(seen.id());
    }

    /**
     * Whether a grant is due for a user the caller has just read, now — a plain check on
     * {@code seen}, nothing read or written; {@link #refresh(UUID)} decides again under the row
     * lock. Lets a caller read the user inside its own transaction and call {@code refresh}
     * (which commits on its own) only when this says so. The default says no, like {@link #NONE}.
     */
    default boolean isDue(User seen) {
        return false;
    }

    /**
     * The latest allowance anchor for which a free user has a grant due at {@code now}, for a
     * conditional debit that refuses while one is due
     * ({@link dev.creditline.application.port.out.LedgerRepository#appendUnlessAllowanceDue}); empty when no
     * grant is ever due (no free allowance, or one of 0 credits). The default is empty, like {@link #NONE}.
     *
     * @param now UTC instant of the debit
     */
    default Optional<Instant> dueAnchorCutoff(Instant now) {
        return Optional.empty();
    }
}
