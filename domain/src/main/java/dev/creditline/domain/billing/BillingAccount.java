package dev.creditline.domain.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's billing columns (table {@code users}).
 *
 * @param userId                  the user
 * @param email                   the user's email (sent to Stripe when creating the customer)
 * @param plan                    plan id, {@code free} or a paid plan
 * @param creditsBalance          current balance in credits
 * @param stripeCustomerId        {@code cus_...} or null
 * @param stripeSubscriptionId    the current subscription {@code sub_...} or null
 * @param subscriptionStatus      status of the current (or last ended) subscription, or null
 * @param cancelAtPeriodEnd       whether the current subscription ends at its period end
 * @param periodEnd               end of the current paid period (UTC) or null
 * @param monthlyCreditsGrantedAt free allowance anchor (UTC) or null
 */
public record BillingAccount(UUID userId, String email, String plan, long creditsBalance, String stripeCustomerId,
                             String stripeSubscriptionId, SubscriptionStatus subscriptionStatus, boolean cancelAtPeriodEnd,
                             Instant periodEnd, Instant monthlyCreditsGrantedAt) {
}
