package dev.creditline.application.testing;

import dev.creditline.application.port.out.billing.SubscriptionMark;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import dev.creditline.domain.billing.SubscriptionStatus;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@link SubscriptionMarkRepository} on {@link InMemoryDatabase}: a watermark moves only forward,
 * only for its owner and never after the tombstone.
 */
public final class InMemorySubscriptionMarkRepository implements SubscriptionMarkRepository {

    private static final Set<SubscriptionStatus> ENDED = EnumSet.of(SubscriptionStatus.CANCELED,
            SubscriptionStatus.INCOMPLETE_EXPIRED);

    private final InMemoryDatabase db;

    public InMemorySubscriptionMarkRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<SubscriptionMark> subscriptionMark(String subscriptionId) {
        return db.inTransaction(() -> Optional.ofNullable(db.tables().subscriptionMarks.get(subscriptionId)));
    }

    @Override
    public boolean advanceWatermark(String subscriptionId, UUID userId, Instant created, String eventId,
                                    SubscriptionStatus status,
                                    String pricePlan) {
        return db.inTransaction(() -> {
            var marks = db.tables().subscriptionMarks;
            SubscriptionMark m = marks.get(subscriptionId);
            if (m == null) {
                marks.put(subscriptionId, new SubscriptionMark(subscriptionId, userId, created, status, pricePlan, false));
                return true;
            }
            if (m.deleted() || !m.userId().equals(userId) || m.lastEventCreated().isAfter(created)) {
                return false;
            }
            marks.put(subscriptionId, new SubscriptionMark(subscriptionId, userId, created,
                    status != null ? status : m.lastStatus(), pricePlan != null ? pricePlan : m.pricePlan(), false));
            return true;
        });
    }

    @Override
    public boolean markDeleted(String subscriptionId, UUID userId, Instant created, String eventId) {
        return db.inTransaction(() -> {
            var marks = db.tables().subscriptionMarks;
            SubscriptionMark m = marks.get(subscriptionId);
            if (m == null) {
                marks.put(subscriptionId, new SubscriptionMark(subscriptionId, userId, created, null, null, true));
                return true;
            }
            if (m.deleted() || !m.userId().equals(userId)) {
                return false;
            }
            Instant latest = m.lastEventCreated().isAfter(created) ? m.lastEventCreated() : created;
            marks.put(subscriptionId, new SubscriptionMark(subscriptionId, userId, latest, m.lastStatus(),
                    m.pricePlan(), true));
            return true;
        });
    }

    @Override
    public SortedSet<String> cancellableSubscriptions(UUID userId) {
        return db.inTransaction(() -> {
            SortedSet<String> ids = new TreeSet<>();
            User u = db.tables().users.get(userId);
            if (u != null && u.stripeSubscriptionId() != null
                    && !ENDED.contains(SubscriptionStatus.fromStorageName(u.subscriptionStatus()))) {
                ids.add(u.stripeSubscriptionId());
            }
            db.tables().subscriptionMarks.values().stream()
                    .filter(m -> m.userId().equals(userId) && !m.deleted()
                            && (m.lastStatus() == null || !ENDED.contains(m.lastStatus())))
                    .forEach(m -> ids.add(m.subscriptionId()));
            return ids;
        });
    }
}
