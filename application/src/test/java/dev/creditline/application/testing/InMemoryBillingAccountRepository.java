package dev.creditline.application.testing;

import dev.creditline.domain.billing.SubscriptionStatus;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.testing.InMemoryDatabase.BillingColumns;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link BillingAccountRepository} on the users of {@link InMemoryDatabase}, which keep the subscription status
 * as its storage name (as the {@code users} table does); held to {@code BillingPortsContractTest}.
 */
public final class InMemoryBillingAccountRepository implements BillingAccountRepository {

    private final InMemoryDatabase db;

    public InMemoryBillingAccountRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<BillingAccount> lockAccount(UUID userId) {
        return findAccount(userId);
    }

    @Override
    public Optional<BillingAccount> findAccount(UUID userId) {
        return db.inTransaction(() -> Optional.ofNullable(db.tables().users.get(userId)).map(u -> {
            BillingColumns c = db.tables().billingColumns.getOrDefault(userId, BillingColumns.NONE);
            return new BillingAccount(u.id(), u.email(), u.plan(), u.creditsBalance(), u.stripeCustomerId(),
                    u.stripeSubscriptionId(), SubscriptionStatus.fromStorageName(u.subscriptionStatus()),
                    c.cancelAtPeriodEnd(), c.periodEnd(),
                    u.monthlyCreditsGrantedAt());
        }));
    }

    @Override
    public Optional<UUID> userIdByCustomer(String customerId) {
        return db.inTransaction(() -> db.tables().users.values().stream()
                .filter(u -> customerId.equals(u.stripeCustomerId())).map(User::id).findFirst());
    }

    @Override
    public boolean setCustomerIfAbsent(UUID userId, String customerId) {
        return db.inTransaction(() -> {
            User u = db.tables().users.get(userId);
            if (u == null) {
                return false;
            }
            if (u.stripeCustomerId() == null && userIdByCustomer(customerId).isEmpty()) {
                u = update(u, u.plan(), customerId, u.stripeSubscriptionId(), u.subscriptionStatus(),
                        u.monthlyCreditsGrantedAt(), u.updatedAt());
            }
            return customerId.equals(u.stripeCustomerId());
        });
    }

    @Override
    public void updateSubscription(UUID userId, String plan, String subscriptionId, SubscriptionStatus status,
                                   boolean cancelAtPeriodEnd, Instant periodEnd, Instant now) {
        db.inTransaction(() -> {
            User u = db.tables().users.get(userId);
            if (u != null) {
                update(u, plan, u.stripeCustomerId(), subscriptionId, SubscriptionStatus.storageNameOf(status),
                        u.monthlyCreditsGrantedAt(), now);
                Instant end = periodEnd != null ? periodEnd : columns(userId).periodEnd();
                db.tables().billingColumns.put(userId, new BillingColumns(cancelAtPeriodEnd, end));
            }
        });
    }

    @Override
    public void updateSubscriptionStatus(UUID userId, SubscriptionStatus status, Instant now) {
        db.inTransaction(() -> {
            User u = db.tables().users.get(userId);
            if (u != null) {
                update(u, u.plan(), u.stripeCustomerId(), u.stripeSubscriptionId(),
                        SubscriptionStatus.storageNameOf(status), u.monthlyCreditsGrantedAt(), now);
            }
        });
    }

    @Override
    public void scheduleCancel(UUID userId, Instant effectiveAt, Instant now) {
        db.inTransaction(() -> {
            User u = db.tables().users.get(userId);
            if (u != null) {
                update(u, u.plan(), u.stripeCustomerId(), u.stripeSubscriptionId(), u.subscriptionStatus(),
                        u.monthlyCreditsGrantedAt(), now);
                Instant end = effectiveAt != null ? effectiveAt : columns(userId).periodEnd();
                db.tables().billingColumns.put(userId, new BillingColumns(true, end));
            }
        });
    }

    @Override
    public void endSubscription(UUID userId, SubscriptionStatus status, Instant now) {
        db.inTransaction(() -> {
            User u = db.tables().users.get(userId);
            if (u != null) {
                update(u, "free", u.stripeCustomerId(), null, SubscriptionStatus.storageNameOf(status), now, now);
                db.tables().billingColumns.put(userId, BillingColumns.NONE);
            }
        });
    }

    private BillingColumns columns(UUID userId) {
        return db.tables().billingColumns.getOrDefault(userId, BillingColumns.NONE);
    }

    private User update(User u, String plan, String customer, String subscription, String status, Instant anchor,
                        Instant updatedAt) {
        User changed = new User(u.id(), u.email(), u.name(), u.image(), u.emailVerified(), plan, u.creditsBalance(),
                u.role(), u.signupBonusGrantedAt(), anchor, customer, subscription, status, u.createdAt(), updatedAt,
                u.nextLotExpiry());
        db.tables().users.put(u.id(), changed);
        return changed;
    }
}
