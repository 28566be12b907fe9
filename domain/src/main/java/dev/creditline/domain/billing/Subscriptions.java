package dev.creditline.domain.billing;

import java.util.Set;

/**
 * Subscription status rules (billing.md "Outgoing calls" and the webhook table; lesson 8).
 * Status values are Stripe's {@code subscription.status} strings.
 */
public final class Subscriptions {

    /**
     * Statuses of a subscription that still bills the user: {@code active}, {@code trialing},
     * {@code past_due}, {@code unpaid}. A user with such a subscription cannot start another
     * one (409) and account deletion must cancel it first (lesson 12).
     */
    public static final Set<String> LIVE_STATUSES = Set.of("active", "trialing", "past_due", "unpaid");

    private Subscriptions() {
    }

    /** True when {@code status} is one of {@link #LIVE_STATUSES}; null → false. */
    public static boolean isLive(String status) {
        return status != null && LIVE_STATUSES.contains(status);
    }

    /**
     * Whether a subscription event may change the user's subscription state (lesson 14): it is
     * the user's current subscription, or the user has none and the subscription is live (then
     * it is adopted: an update may arrive before the checkout completion that names it).
     *
     * @param currentSubscriptionId the user's {@code stripe_subscription_id}, or null
     * @param eventSubscriptionId   the subscription the event is about
     * @param eventStatus           the subscription's status in the event
     */
    public static boolean concernsUser(String currentSubscriptionId, String eventSubscriptionId, String eventStatus) {
        if (eventSubscriptionId == null) {
            return false;
        }
        if (currentSubscriptionId != null) {
            return currentSubscriptionId.equals(eventSubscriptionId);
        }
        return isLive(eventStatus);
    }
}
