package dev.creditline.domain.billing;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Subscription status rules (billing.md "Outgoing calls" and the webhook table; lesson 8), over
 * {@link SubscriptionStatus} (the payment adapter maps the provider's wire values to it).
 */
public final class Subscriptions {

    /**
     * Statuses of a subscription that still bills the user: {@code active}, {@code trialing},
     * {@code past_due}, {@code unpaid}. A user with such a subscription cannot start another
     * one (409) and account deletion must cancel it first (lesson 12).
     */
    public static final Set<SubscriptionStatus> LIVE_STATUSES = Collections.unmodifiableSet(EnumSet.of(
            SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIALING, SubscriptionStatus.PAST_DUE,
            SubscriptionStatus.UNPAID));

    private Subscriptions() {
    }

    /** True when {@code status} is one of {@link #LIVE_STATUSES}; null → false. */
    public static boolean isLive(SubscriptionStatus status) {
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
    public static boolean concernsUser(String currentSubscriptionId, String eventSubscriptionId,
                                       SubscriptionStatus eventStatus) {
        if (eventSubscriptionId == null) {
            return false;
        }
        if (currentSubscriptionId != null) {
            return currentSubscriptionId.equals(eventSubscriptionId);
        }
        return isLive(eventStatus);
    }

    /**
     * How far a subscription status is in Stripe's lifecycle: {@code incomplete} 0,
     * {@code trialing} 1, {@code active} 2, {@code past_due} 3, {@code unpaid} and
     * {@code paused} 4, {@code canceled} and {@code incomplete_expired} 5;
     * {@link SubscriptionStatus#UNKNOWN} or null −1.
     * Used only to break ties between events of the same second (Stripe's {@code created} has
     * whole seconds): the more advanced status wins, so every arrival order converges.
     */
    public static int rank(SubscriptionStatus status) {
        if (status == null) {
            return -1;
        }
        return switch (status) {
            case INCOMPLETE -> 0;
            case TRIALING -> 1;
            case ACTIVE -> 2;
            case PAST_DUE -> 3;
            case UNPAID, PAUSED -> 4;
            case CANCELED, INCOMPLETE_EXPIRED -> 5;
            case UNKNOWN -> -1;
        };
    }

    /**
     * The status after an event of the same subscription: a strictly newer event sets its
     * status; an event of the same second keeps the more advanced of the two
     * ({@link #rank}); an older event changes nothing (the caller's watermark refuses it).
     *
     * @param stored        the status of the last applied event, or null
     * @param incoming      the event's status
     * @param strictlyNewer whether the event's {@code created} is after the last applied one's
     */
    public static SubscriptionStatus statusAfter(SubscriptionStatus stored, SubscriptionStatus incoming,
                                                 boolean strictlyNewer) {
        if (strictlyNewer || stored == null) {
            return incoming;
        }
        return rank(incoming) >= rank(stored) ? incoming : stored;
    }

    /** True for {@code incomplete}: a subscription whose first payment is pending (still to cancel on deletion). */
    public static boolean isPending(SubscriptionStatus status) {
        return status == SubscriptionStatus.INCOMPLETE;
    }
}
