package dev.creditline.application.testing;

import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** {@link UserRepository} on {@link InMemoryDatabase}; held to {@code UserRepositoryContractTest}. */
public final class InMemoryUserRepository implements UserRepository {

    private final InMemoryDatabase db;

    public InMemoryUserRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<User> insert(User u) {
        return db.inTransaction(() -> {
            var users = db.tables().users;
            String email = u.email().toLowerCase(Locale.ROOT);
            if (users.containsKey(u.id())
                    || users.values().stream().anyMatch(x -> x.email().toLowerCase(Locale.ROOT).equals(email))) {
                return Optional.<User>empty();
            }
            User stored = new User(u.id(), u.email(), u.name(), u.image(), u.emailVerified(), u.plan(), 0, u.role(),
                    u.signupBonusGrantedAt(), u.monthlyCreditsGrantedAt(), null, null, null, u.createdAt(),
                    u.updatedAt(), null);
            users.put(u.id(), stored);
            return Optional.of(stored);
        });
    }

    @Override
    public Optional<User> findById(UUID id) {
        return db.inTransaction(() -> Optional.ofNullable(db.tables().users.get(id)));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        String wanted = email.trim().toLowerCase(Locale.ROOT);
        return db.inTransaction(() -> db.tables().users.values().stream()
                .filter(u -> u.email().toLowerCase(Locale.ROOT).equals(wanted)).findFirst());
    }

    @Override
    public Optional<User> findByAccount(String provider, String providerAccountId) {
        return db.inTransaction(() -> Optional.ofNullable(
                db.tables().accounts.get(List.of(provider, providerAccountId))).map(db.tables().users::get));
    }

    @Override
    public Optional<User> lockById(UUID id) {
        return findById(id);
    }

    @Override
    public void moveAllowanceAnchor(UUID id, Instant periodStart, Instant at) {
        db.inTransaction(() -> db.tables().users.computeIfPresent(id, (k, u) -> new User(u.id(), u.email(), u.name(),
                u.image(), u.emailVerified(), u.plan(), u.creditsBalance(), u.role(), u.signupBonusGrantedAt(),
                periodStart, u.stripeCustomerId(), u.stripeSubscriptionId(), u.subscriptionStatus(), u.createdAt(), at,
                u.nextLotExpiry())));
    }

    @Override
    public void updateProfile(User p) {
        db.inTransaction(() -> db.tables().users.computeIfPresent(p.id(), (k, u) -> new User(u.id(), u.email(),
                p.name(), p.image(), p.emailVerified(), u.plan(), u.creditsBalance(), u.role(),
                u.signupBonusGrantedAt(), u.monthlyCreditsGrantedAt(), u.stripeCustomerId(), u.stripeSubscriptionId(),
                u.subscriptionStatus(), u.createdAt(), p.updatedAt(), u.nextLotExpiry())));
    }

    /** Deletes the user and, as {@code ON DELETE CASCADE} does, every row keyed to the user. */
    @Override
    public boolean delete(UUID id) {
        return db.inTransaction(() -> {
            var t = db.tables();
            if (t.users.remove(id) == null) {
                return false;
            }
            t.accounts.values().removeIf(id::equals);
            t.ledger.removeIf(e -> e.userId().equals(id));
            t.modelCalls.removeIf(c -> c.userId().equals(id));
            t.holds.values().removeIf(h -> h.hold().userId().equals(id));
            t.statPeriods.keySet().removeIf(p -> p.userId().equals(id));
            t.billingColumns.remove(id);
            t.attempts.values().removeIf(a -> a.userId().equals(id));
            t.grants.values().removeIf(g -> g.userId().equals(id));
            t.purchases.values().removeIf(p -> p.userId().equals(id));
            t.subscriptionMarks.values().removeIf(m -> m.userId().equals(id));
            return true;
        });
    }

    /** Sets the cached balance; for the ledger fake, which is its only writer. */
    static User withBalance(User u, long balance) {
        return new User(u.id(), u.email(), u.name(), u.image(), u.emailVerified(), u.plan(), balance, u.role(),
                u.signupBonusGrantedAt(), u.monthlyCreditsGrantedAt(), u.stripeCustomerId(), u.stripeSubscriptionId(),
                u.subscriptionStatus(), u.createdAt(), u.updatedAt(), u.nextLotExpiry());
    }
}
