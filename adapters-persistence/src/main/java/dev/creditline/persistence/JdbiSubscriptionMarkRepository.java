package dev.creditline.persistence;

import dev.creditline.application.port.out.billing.SubscriptionMark;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@link SubscriptionMarkRepository} on {@code stripe_subscriptions}. The watermark and the
 * tombstone are single conditional upserts: PostgreSQL decides, never a read-then-write.
 */
public final class JdbiSubscriptionMarkRepository implements SubscriptionMarkRepository {

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiSubscriptionMarkRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<SubscriptionMark> subscriptionMark(String subscriptionId) {
        return tx.withHandle(h -> h.createQuery("""
                        SELECT subscription_id, user_id, last_event_created, last_status, price_plan, deleted_at IS NOT NULL
                               AS deleted
                        FROM stripe_subscriptions WHERE subscription_id = :s""")
                .bind("s", subscriptionId)
                .map((rs, ctx) -> new SubscriptionMark(rs.getString("subscription_id"), Rows.uuid(rs, "user_id"),
                        Rows.instant(rs, "last_event_created"), rs.getString("last_status"), rs.getString("price_plan"),
                        rs.getBoolean("deleted")))
                .findOne());
    }

    @Override
    public boolean advanceWatermark(String subscriptionId, UUID userId, Instant created, String eventId, String status,
                                    String pricePlan) {
        return tx.withHandle(h -> h.createQuery("""
                        INSERT INTO stripe_subscriptions (subscription_id, user_id, last_event_created, last_event_id,
                            last_status, price_plan)
                        VALUES (:s, :u, :c, :e, :status, :plan)
                        ON CONFLICT (subscription_id) DO UPDATE
                            SET last_event_created = EXCLUDED.last_event_created, last_event_id = EXCLUDED.last_event_id,
                                last_status = COALESCE(EXCLUDED.last_status, stripe_subscriptions.last_status),
                                price_plan = COALESCE(EXCLUDED.price_plan, stripe_subscriptions.price_plan)
                            WHERE stripe_subscriptions.deleted_at IS NULL
                              AND stripe_subscriptions.user_id = EXCLUDED.user_id
                              AND stripe_subscriptions.last_event_created <= EXCLUDED.last_event_created
                        RETURNING 1""")
                .bind("s", subscriptionId).bind("u", userId).bind("c", Rows.ts(created)).bind("e", eventId)
                .bind("status", status).bind("plan", pricePlan)
                .mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public boolean markDeleted(String subscriptionId, UUID userId, Instant created, String eventId) {
        return tx.withHandle(h -> h.createQuery("""
                        INSERT INTO stripe_subscriptions (subscription_id, user_id, last_event_created, last_event_id,
                            deleted_at)
                        VALUES (:s, :u, :c, :e, :c)
                        ON CONFLICT (subscription_id) DO UPDATE
                            SET deleted_at = EXCLUDED.deleted_at,
                                last_event_created = GREATEST(stripe_subscriptions.last_event_created,
                                                              EXCLUDED.last_event_created),
                                last_event_id = EXCLUDED.last_event_id
                            WHERE stripe_subscriptions.deleted_at IS NULL
                              AND stripe_subscriptions.user_id = EXCLUDED.user_id
                        RETURNING 1""")
                .bind("s", subscriptionId).bind("u", userId).bind("c", Rows.ts(created)).bind("e", eventId)
                .mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public SortedSet<String> cancellableSubscriptions(UUID userId) {
        List<String> ids = tx.withHandle(h -> h.createQuery("""
                        SELECT stripe_subscription_id FROM users
                        WHERE id = :u AND stripe_subscription_id IS NOT NULL
                          AND coalesce(subscription_status, '') NOT IN ('canceled', 'incomplete_expired')
                        UNION
                        SELECT subscription_id FROM stripe_subscriptions
                        WHERE user_id = :u AND deleted_at IS NULL
                          AND coalesce(last_status, '') NOT IN ('canceled', 'incomplete_expired')""")
                .bind("u", userId).mapTo(String.class).list());
        return new TreeSet<>(ids);
    }
}
