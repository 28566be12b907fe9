package dev.creditline.application.port.out.billing;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable outbox of Stripe calls (table {@code stripe_intents}). {@link #insert} joins the
 * caller's transaction; the other methods are single statements.
 */
public interface StripeIntentRepository {

    /**
     * Records an intent, pending, first due at {@code dueAt}.
     *
     * @return false when an intent with the same idempotency key exists (the call is already decided)
     */
    boolean insert(StripeIntent intent, Instant dueAt);

    /**
     * Claims the most overdue pending intent ({@code FOR UPDATE SKIP LOCKED}, so several
     * instances never claim the same one): counts the attempt and moves its due time to
     * {@code leaseUntil}, so no other worker takes it while this one calls Stripe; if this worker
     * dies, the intent is due again when the lease ends.
     */
    Optional<StripeIntent> claimDue(Instant now, Instant leaseUntil);

    /** Stripe confirmed: the intent is done. */
    void markDone(UUID id, Instant now);

    /** The attempt failed: due again at {@code nextAttemptAt}, the error kept for operators. */
    void retryAt(UUID id, Instant nextAttemptAt, String error);

    /** Given up (e.g. a request whose caller got the error and may retry with a new intent). */
    void markFailed(UUID id, String error, Instant now);

    /** Number of pending intents (metrics, tests). */
    long pending();
}
