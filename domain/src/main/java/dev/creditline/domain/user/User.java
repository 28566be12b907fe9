package dev.creditline.domain.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as stored. Timestamps are UTC instants; the email is stored
 * as given and compared lower-cased.
 *
 * @param creditsBalance cached ledger sum in credits, never negative
 * @param plan           plan id, {@code free} or a paid plan id from the plan catalog
 * @param nextLotExpiry  UTC instant of the earliest expiry among the user's lots that still count,
 *                       or null; never later than the truth (docs/lots.md)
 */
public record User(UUID id, String email, String name, String image, Instant emailVerified,
                   String plan, long creditsBalance, Role role,
                   Instant signupBonusGrantedAt, Instant monthlyCreditsGrantedAt,
                   String stripeCustomerId, String stripeSubscriptionId, String subscriptionStatus,
                   Instant createdAt, Instant updatedAt, Instant nextLotExpiry) {

    /** A user without lot expiries. */
    public User(UUID id, String email, String name, String image, Instant emailVerified,
                String plan, long creditsBalance, Role role,
                Instant signupBonusGrantedAt, Instant monthlyCreditsGrantedAt,
                String stripeCustomerId, String stripeSubscriptionId, String subscriptionStatus,
                Instant createdAt, Instant updatedAt) {
        this(id, email, name, image, emailVerified, plan, creditsBalance, role, signupBonusGrantedAt,
                monthlyCreditsGrantedAt, stripeCustomerId, stripeSubscriptionId, subscriptionStatus, createdAt,
                updatedAt, null);
    }

    /** Whether a lot expiry may be due at {@code now}: whoever touches the user applies it first. */
    public boolean lotExpiryDue(Instant now) {
        return nextLotExpiry != null && !nextLotExpiry.isAfter(now);
    }
}
