package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.domain.billing.StoredBillingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Billing state in the database: users' subscription columns, checkout attempts, pack
 * purchases, per-subscription watermarks and the webhook inbox (billing.md; migration V30).
 * Every method runs in the caller's transaction when there is one.
 */
public interface BillingRepository {

    /** The user's billing columns, row locked {@code FOR UPDATE} until the transaction ends. */
    Optional<BillingAccount> lockAccount(UUID userId);

    /** The user's billing columns without a lock. */
    Optional<BillingAccount> findAccount(UUID userId);

    /** The user whose {@code stripe_customer_id} is {@code customerId}. */
    Optional<UUID> userIdByCustomer(String customerId);

    /**
     * Stores the user's Stripe customer id when the user has none yet.
     *
     * @return true when the user now has exactly this customer id; false when the user has a
     *         different one or another user already has this one
     */
    boolean setCustomerIfAbsent(UUID userId, String customerId);

    /**
     * Sets the current subscription and its state; {@code plan} becomes the user's plan.
     *
     * @param periodEnd end of the paid period, or null to keep the stored one
     */
    void updateSubscription(UUID userId, String plan, String subscriptionId, String status,
                            boolean cancelAtPeriodEnd, Instant periodEnd, Instant now);

    /** Sets only the status of the user's subscription. */
    void updateSubscriptionStatus(UUID userId, String status, Instant now);

    /** Records a scheduled cancellation of the user's subscription. */
    void scheduleCancel(UUID userId, Instant effectiveAt, Instant now);

    /**
     * The subscription ended: plan {@code free}, subscription id cleared, status {@code status},
     * and the free allowance anchor {@code monthly_credits_granted_at} restarts at {@code now}.
     */
    void endSubscription(UUID userId, String status, Instant now);

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

    /**
     * Records a granted pack purchase (once per session).
     *
     * @return false when the session was recorded before
     */
    boolean insertPurchase(PackPurchase purchase);

    /** Whether the session was granted as a pack purchase. */
    boolean purchaseExists(String sessionId);

    /** The purchase paid by a payment intent, row locked. */
    Optional<PackPurchase> lockPurchaseByPaymentIntent(String paymentIntentId);

    /** Adds to the refunded cents and clawed-back credits of a purchase. */
    void addRefund(String sessionId, long refundedCents, long creditsClawedBack);

    /**
     * Advances the subscription's watermark to {@code created} when it is not older than the
     * last applied event and the subscription is not deleted and belongs to {@code userId}
     * (lessons 14, 15). Atomic (one conditional upsert).
     *
     * @return true when the event is the newest so far and may be applied
     */
    boolean advanceWatermark(String subscriptionId, UUID userId, Instant created, String eventId);

    /**
     * Marks the subscription deleted (a tombstone; later events of it change nothing).
     *
     * @return true when it was not marked deleted before
     */
    boolean markDeleted(String subscriptionId, UUID userId, Instant created, String eventId);

    /** Whether the subscription is marked deleted. */
    boolean isDeleted(String subscriptionId);

    /**
     * Inserts the event into the inbox ({@code ON CONFLICT DO NOTHING}) with outcome {@code applied}.
     *
     * @return false when the event id was stored before (a duplicate delivery)
     */
    boolean insertEvent(String eventId, String type, Instant created, String payload, Instant receivedAt);

    /** Sets the outcome of a stored event ({@code applied}, {@code ignored} or {@code problem}). */
    void setEventOutcome(String eventId, String outcome, String problemCode, String problem);

    /** Inbox rows newest first; {@code problemsOnly} keeps only events with a problem. */
    List<StoredBillingEvent> events(boolean problemsOnly, int limit, int offset);

    /** Number of inbox rows ({@code problemsOnly} as in {@link #events}). */
    long countEvents(boolean problemsOnly);

    // --- refunds and disputes in any order (V50) ----------------------------------------------

    /**
     * Serialises every effect on one Stripe payment: a transaction-scoped PostgreSQL advisory
     * lock per key ({@code pi:<payment intent>}, {@code ch:<charge>}, {@code in:<invoice>}),
     * taken in sorted order and before any row lock, so a refund or dispute arriving while its
     * purchase is being granted is seen by one of the two transactions.
     *
     * @param keys the payment's keys; nulls are skipped
     */
    void lockPayment(List<String> keys);

    /** The grant paid by this payment intent, charge or invoice (any may be null), without a lock. */
    Optional<PaidGrant> findGrant(String paymentIntentId, String chargeId, String invoiceId);

    /** The grant, row locked until the transaction ends. */
    Optional<PaidGrant> lockGrant(PaidGrant.Kind kind, String key);

    /** Adds a clawback to a grant: refunded cents applied, credits debited and forgiven. */
    void addClawback(PaidGrant.Kind kind, String key, long refundedCents, long creditsClawedBack, long creditsForgiven);

    /**
     * Records the allowance granted for a paid subscription invoice (once per invoice).
     *
     * @return false when the invoice was recorded before
     */
    boolean insertInvoiceGrant(PaidGrant grant, java.time.Instant grantedAt);

    /** Remembers a refund event whose payment has no grant yet, to apply when the grant is made. */
    void recordEarlyRefund(String eventId, String paymentIntentId, String chargeId, String invoiceId,
                           java.time.Instant eventCreated);

    /**
     * Removes and returns the stored payloads of early refund events of this payment (any key may
     * be null), oldest event first ({@code created}, then event id).
     */
    List<String> takeEarlyRefunds(String paymentIntentId, String chargeId, String invoiceId);

    /**
     * Records a dispute's event: inserts the dispute, or updates its status and amount unless it
     * is already closed (a closed dispute is final). Returns the row as it now stands, locked.
     */
    StoredDispute recordDispute(String disputeId, String paymentIntentId, String chargeId, long amount, String status,
                                boolean closed, java.time.Instant now);

    /** The disputes of this payment (either key may be null), row locked, by dispute id. */
    List<StoredDispute> lockDisputes(String paymentIntentId, String chargeId);

    /** The dispute's clawback was applied. */
    void disputeClawed(String disputeId, long creditsClawedBack, long creditsForgiven, java.time.Instant now);

    /** The dispute's credits were given back. */
    void disputeReinstated(String disputeId, java.time.Instant now);

    // --- subscription ties (V50) --------------------------------------------------------------

    /** The subscription's watermark row, if any (read under the owner's row lock). */
    Optional<SubscriptionMark> subscriptionMark(String subscriptionId);

    /**
     * As {@link #advanceWatermark(String, UUID, Instant, String)}, also storing the status that
     * the event leaves and, when not null, the plan of the subscription's price.
     */
    boolean advanceWatermark(String subscriptionId, UUID userId, Instant created, String eventId, String status,
                             String pricePlan);

    // --- account deletion ---------------------------------------------------------------------

    /**
     * The user's subscriptions that may still bill: the current one unless ended
     * ({@code canceled}, {@code incomplete_expired}), and every recorded subscription of the user
     * that is neither deleted nor ended (e.g. {@code incomplete}, or a duplicate). Sorted.
     */
    java.util.SortedSet<String> cancellableSubscriptions(UUID userId);

    /** The user's Checkout Sessions that can still be paid: attempts {@code open} and not past their expiry. Sorted. */
    java.util.SortedSet<String> openCheckoutSessions(UUID userId, Instant now);

    /**
     * The user's open checkout attempt for this pack whose session stays payable past
     * {@code validAfter}, newest first, if any (a followed payment link reuses it).
     */
    Optional<CheckoutAttempt> openPackAttempt(UUID userId, String packId, Instant validAfter);
}
