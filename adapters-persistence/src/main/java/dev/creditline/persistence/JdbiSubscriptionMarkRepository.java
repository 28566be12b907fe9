package dev.creditline.persistence;

import dev.creditline.application.port.out.billing.SubscriptionMark;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import dev.creditline.domain.billing.SubscriptionStatus;
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

    private static final String SUBSCRIPTION_MARK_SQL = Sql.load("billing/subscription-mark.sql");
    private static final String ADVANCE_WATERMARK_SQL = Sql.load("billing/advance-watermark.sql");
    private static final String MARK_DELETED_SQL = Sql.load("billing/mark-deleted.sql");
    private static final String CANCELLABLE_SUBSCRIPTIONS_SQL = Sql.load("billing/cancellable-subscriptions.sql");

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiSubscriptionMarkRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<SubscriptionMark> subscriptionMark(String subscriptionId) {
        return tx.withHandle(h -> h.createQuery(SUBSCRIPTION_MARK_SQL)
                .bind("s", subscriptionId)
                .map((rs, ctx) -> new SubscriptionMark(rs.getString("subscription_id"), Rows.uuid(rs, "user_id"),
                        Rows.instant(rs, "last_event_created"),
                        SubscriptionStatus.fromStorageName(rs.getString("last_status")), rs.getString("price_plan"),
                        rs.getBoolean("deleted")))
                .findOne());
    }

    @Override
    public boolean advanceWatermark(String subscriptionId, UUID userId, Instant created, String eventId,
                                    SubscriptionStatus status,
                                    String pricePlan) {
        return tx.withHandle(h -> h.createQuery(ADVANCE_WATERMARK_SQL)
                .bind("s", subscriptionId).bind("u", userId).bind("c", Rows.ts(created)).bind("e", eventId)
                .bind("status", SubscriptionStatus.storageNameOf(status)).bind("plan", pricePlan)
                .mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public boolean markDeleted(String subscriptionId, UUID userId, Instant created, String eventId) {
        return tx.withHandle(h -> h.createQuery(MARK_DELETED_SQL)
                .bind("s", subscriptionId).bind("u", userId).bind("c", Rows.ts(created)).bind("e", eventId)
                .mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public SortedSet<String> cancellableSubscriptions(UUID userId) {
        List<String> ids = tx.withHandle(h -> h.createQuery(CANCELLABLE_SUBSCRIPTIONS_SQL)
                .bind("u", userId).mapTo(String.class).list());
        return new TreeSet<>(ids);
    }
}
