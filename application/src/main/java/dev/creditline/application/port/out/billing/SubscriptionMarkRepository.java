package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.SubscriptionStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;

/**
 * Per-subscription watermarks and tombstones (table {@code stripe_subscriptions}): which event
 * of a subscription was applied last, so that an older one changes nothing and nothing revives a
 * deleted subscription. Every method runs in the caller's transaction when there is one.
 */
public interface SubscriptionMarkRepository {

    /** The subscription's watermark row, if any (read under the owner's row lock). */
    Optional<SubscriptionMark> subscriptionMark(String subscriptionId);

    /**
     * Advances the subscription's watermark to {@code created} when it is not older than the
     * last applied event and the subscription is not deleted and belongs to {@code userId}.
     * Atomic (one conditional upsert). Also stores the status that the event leaves and, when
     * not null, the plan of the subscription's price.
     *
     * @return true when the event is the newest so far and may be applied
     */
    boolean advanceWatermark(String subscriptionId, UUID userId, Instant created, String eventId,
                             SubscriptionStatus status,
                             String pricePlan);

    /**
     * Marks the subscription deleted (a tombstone; later events of it change nothing).
     *
     * @return true when it was not marked deleted before
     */
    boolean markDeleted(String subscriptionId, UUID userId, Instant created, String eventId);

    /**
     * The user's subscriptions that may still bill: the current one unless ended
     * ({@code canceled}, {@code incomplete_expired}), and every recorded subscription of the user
     * that is neither deleted nor ended (e.g. {@code incomplete}, or a duplicate). Sorted.
     */
    SortedSet<String> cancellableSubscriptions(UUID userId);
}
