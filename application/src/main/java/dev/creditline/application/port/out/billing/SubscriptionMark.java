package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.SubscriptionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * What is known of one Stripe subscription (table {@code stripe_subscriptions}): its owner, the
 * watermark of the last applied event, that event's status, the plan of its price as last
 * applied, and the tombstone.
 *
 * @param subscriptionId   {@code sub_...}
 * @param userId           owner
 * @param lastEventCreated {@code created} of the last applied event (whole seconds)
 * @param lastStatus       status set by that event, or null
 * @param pricePlan        plan of the subscription's price, or null when no event carried it yet
 * @param deleted          whether a deletion was applied (terminal)
 */
public record SubscriptionMark(String subscriptionId, UUID userId, Instant lastEventCreated,
                               SubscriptionStatus lastStatus,
                               String pricePlan, boolean deleted) {
}
