package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.domain.billing.SubscriptionStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The billing columns of users (table {@code users}): the Stripe customer, the current
 * subscription and its state. Every method runs in the caller's transaction when there is one.
 */
public interface BillingAccountRepository {

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
    void updateSubscription(UUID userId, String plan, String subscriptionId, SubscriptionStatus status,
                            boolean cancelAtPeriodEnd, Instant periodEnd, Instant now);

    /** Sets only the status of the user's subscription. */
    void updateSubscriptionStatus(UUID userId, SubscriptionStatus status, Instant now);

    /** Records a scheduled cancellation of the user's subscription. */
    void scheduleCancel(UUID userId, Instant effectiveAt, Instant now);

    /**
     * The subscription ended: plan {@code free}, subscription id cleared, status {@code status},
     * and the free allowance anchor {@code monthly_credits_granted_at} restarts at {@code now}
     * (domain.md "Plans and monthly allowance").
     */
    void endSubscription(UUID userId, SubscriptionStatus status, Instant now);
}
