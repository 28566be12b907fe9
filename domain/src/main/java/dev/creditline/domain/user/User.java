package dev.creditline.domain.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as stored (domain.md "Users"). Timestamps are UTC instants; the email is stored
 * as given and compared lower-cased.
 *
 * @param creditsBalance cached ledger sum in credits, never negative
 * @param plan           plan id, {@code free} or a paid plan id from the plan catalog
 */
public record User(UUID id, String email, String name, String image, Instant emailVerified,
                   String plan, long creditsBalance, Role role,
                   Instant signupBonusGrantedAt, Instant monthlyCreditsGrantedAt,
                   String stripeCustomerId, String stripeSubscriptionId, String subscriptionStatus,
                   Instant createdAt, Instant updatedAt) {
}
