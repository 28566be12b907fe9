package dev.creditline.application.testing;

import dev.creditline.application.port.out.billing.CheckoutAttempt;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@link CheckoutAttemptRepository} on {@link InMemoryDatabase}: one live subscription attempt per
 * user (the partial unique index), and a {@code complete} attempt keeps its status.
 */
public final class InMemoryCheckoutAttemptRepository implements CheckoutAttemptRepository {

    private final InMemoryDatabase db;

    public InMemoryCheckoutAttemptRepository(InMemoryDatabase db) {
        this.db = db;
    }

    private static boolean live(CheckoutAttempt a) {
        return CheckoutAttempt.SUBSCRIPTION.equals(a.kind())
                && ("creating".equals(a.status()) || "open".equals(a.status()));
    }

    @Override
    public Optional<CheckoutAttempt> liveSubscriptionAttempt(UUID userId) {
        return db.inTransaction(() -> db.tables().attempts.values().stream()
                .filter(a -> a.userId().equals(userId) && live(a)).findFirst());
    }

    @Override
    public boolean insertAttempt(CheckoutAttempt a) {
        return db.inTransaction(() -> {
            var t = db.tables();
            if (!t.users.containsKey(a.userId())) {
                throw new IllegalStateException("checkout_attempts violates its foreign key: no user " + a.userId());
            }
            if (t.attempts.containsKey(a.id()) || CheckoutAttempt.SUBSCRIPTION.equals(a.kind())
                    && liveSubscriptionAttempt(a.userId()).isPresent()) {
                return false;
            }
            t.attempts.put(a.id(), new CheckoutAttempt(a.id(), a.userId(), a.kind(), a.itemId(), "creating", null, null,
                    null, a.createdAt()));
            return true;
        });
    }

    @Override
    public void attemptOpened(UUID attemptId, String sessionId, String url, Instant expiresAt, Instant now) {
        db.inTransaction(() -> db.tables().attempts.computeIfPresent(attemptId, (id, a) -> new CheckoutAttempt(a.id(),
                a.userId(), a.kind(), a.itemId(), "creating".equals(a.status()) ? "open" : a.status(), sessionId, url,
                expiresAt, a.createdAt())));
    }

    @Override
    public void setAttemptStatus(UUID attemptId, String status, Instant now) {
        setStatus(a -> a.id().equals(attemptId), status);
    }

    @Override
    public void setAttemptStatusBySession(String sessionId, String status, Instant now) {
        setStatus(a -> sessionId.equals(a.stripeSessionId()), status);
    }

    private void setStatus(Predicate<CheckoutAttempt> which, String status) {
        db.inTransaction(() -> db.tables().attempts.replaceAll((id, a) -> which.test(a) && !"complete".equals(a.status())
                ? new CheckoutAttempt(a.id(), a.userId(), a.kind(), a.itemId(), status, a.stripeSessionId(),
                a.checkoutUrl(), a.expiresAt(), a.createdAt()) : a));
    }

    @Override
    public Optional<CheckoutAttempt> attemptBySession(String sessionId) {
        return db.inTransaction(() -> db.tables().attempts.values().stream()
                .filter(a -> sessionId.equals(a.stripeSessionId())).findFirst());
    }

    @Override
    public boolean purchaseExists(String sessionId) {
        return db.inTransaction(() -> db.tables().purchases.containsKey(sessionId));
    }

    @Override
    public SortedSet<String> openCheckoutSessions(UUID userId, Instant now) {
        return db.inTransaction(() -> db.tables().attempts.values().stream()
                .filter(a -> a.userId().equals(userId) && "open".equals(a.status()) && a.stripeSessionId() != null
                        && (a.expiresAt() == null || a.expiresAt().isAfter(now)))
                .map(CheckoutAttempt::stripeSessionId).collect(TreeSet::new, TreeSet::add, TreeSet::addAll));
    }

    @Override
    public Optional<CheckoutAttempt> openPackAttempt(UUID userId, String packId, Instant validAfter) {
        return db.inTransaction(() -> db.tables().attempts.values().stream()
                .filter(a -> a.userId().equals(userId) && CheckoutAttempt.PACK.equals(a.kind())
                        && packId.equals(a.itemId()) && "open".equals(a.status()) && a.expiresAt() != null
                        && a.expiresAt().isAfter(validAfter))
                .max(Comparator.comparing(CheckoutAttempt::createdAt)));
    }
}
