package dev.creditline.application.port.out.billing;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;

/**
 * Checkout attempts (table {@code checkout_attempts}) and whether a Checkout Session was granted
 * (table {@code credit_pack_purchases}). Every method runs in the caller's transaction when there is one.
 */
public interface CheckoutAttemptRepository {

    /** The live (creating or open) subscription attempt of the user, if any. */
    Optional<CheckoutAttempt> liveSubscriptionAttempt(UUID userId);

    /**
     * Inserts a new attempt in status {@code creating}.
     *
     * @return false when the user already has a live subscription attempt (partial unique index)
     */
    boolean insertAttempt(CheckoutAttempt attempt);

    /** The attempt got its Stripe session: status {@code open}. */
    void attemptOpened(UUID attemptId, String sessionId, String url, Instant expiresAt, Instant now);

    /** Sets an attempt's status by id, unless it is already {@code complete}. */
    void setAttemptStatus(UUID attemptId, String status, Instant now);

    /** Sets the status of the attempt of a Stripe session, unless it is already {@code complete}. */
    void setAttemptStatusBySession(String sessionId, String status, Instant now);

    /** The attempt of a Stripe session. */
    Optional<CheckoutAttempt> attemptBySession(String sessionId);

    /** Whether the session was granted as a pack purchase. */
    boolean purchaseExists(String sessionId);

    /** The user's Checkout Sessions that can still be paid: attempts {@code open} and not past their expiry. Sorted. */
    SortedSet<String> openCheckoutSessions(UUID userId, Instant now);

    /**
     * The user's open checkout attempt for this pack whose session stays payable past
     * {@code validAfter}, newest first, if any (a followed payment link reuses it).
     */
    Optional<CheckoutAttempt> openPackAttempt(UUID userId, String packId, Instant validAfter);
}
