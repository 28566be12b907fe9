package dev.creditline.application.testing;

import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.ledger.LedgerVerification;
import dev.creditline.domain.ledger.LedgerVerifier;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@link LedgerRepository} on {@link InMemoryDatabase}; held to {@code LedgerRepositoryContractTest}.
 * An append is refused when the user is unknown, when its idempotent ref was used by the user
 * before (whatever the balance), or when the balance would go negative, in that order, as the
 * conditional insert and the partial unique index decide in PostgreSQL. Lots are not modelled:
 * {@link LedgerAppend#lots()} is ignored and every user's lots agree with the balance.
 */
public final class InMemoryLedgerRepository implements LedgerRepository {

    private final InMemoryDatabase db;

    public InMemoryLedgerRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public AppendResult append(LedgerAppend a) {
        return db.inTransaction(() -> {
            var t = db.tables();
            User user = t.users.get(a.userId());
            if (user == null) {
                return new AppendResult.UnknownUser();
            }
            if (a.ref().isIdempotent() && refUsed(a.userId(), a.ref().type(), a.ref().id())) {
                return new AppendResult.Duplicate();
            }
            long after = user.creditsBalance() + a.delta();
            if (after < 0) {
                return new AppendResult.Insufficient(user.creditsBalance());
            }
            LedgerEntry entry = new LedgerEntry(++t.ledgerSequence, a.userId(), a.delta(), after, a.reason(), a.ref(),
                    a.at());
            t.ledger.add(entry);
            t.users.put(user.id(), InMemoryUserRepository.withBalance(user, after));
            return new AppendResult.Appended(entry);
        });
    }

    @Override
    public AppendResult appendUnlessAllowanceDue(LedgerAppend a, Instant anchorCutoff) {
        return db.inTransaction(() -> {
            User user = db.tables().users.get(a.userId());
            if (user != null && Plan.FREE_ID.equals(user.plan())) {
                Instant anchor = user.monthlyCreditsGrantedAt() != null ? user.monthlyCreditsGrantedAt()
                        : user.createdAt();
                if (!anchor.isAfter(anchorCutoff)) {
                    return new AppendResult.AllowanceDue();
                }
            }
            return append(a);
        });
    }

    @Override
    public LedgerPage history(UUID userId, int limit, int offset) {
        return db.inTransaction(() -> {
            List<LedgerEntry> mine = db.tables().ledger.stream().filter(e -> e.userId().equals(userId))
                    .sorted(Comparator.comparing(LedgerEntry::createdAt).thenComparingLong(LedgerEntry::id).reversed())
                    .toList();
            return new LedgerPage(mine.stream().skip(offset).limit(limit).toList(), mine.size());
        });
    }

    @Override
    public boolean refExists(UUID userId, String refType, String refId) {
        return db.inTransaction(() -> refUsed(userId, refType, refId));
    }

    private boolean refUsed(UUID userId, String refType, String refId) {
        return db.tables().ledger.stream().anyMatch(e -> e.userId().equals(userId)
                && e.ref().type().equals(refType) && e.ref().id().equals(refId));
    }

    @Override
    public long verify(Optional<UUID> userId, Consumer<LedgerVerification> sink) {
        return db.inTransaction(() -> {
            long checked = 0;
            for (User u : db.tables().users.values()) {
                if (userId.isPresent() && !userId.get().equals(u.id())) {
                    continue;
                }
                LedgerVerifier verifier = new LedgerVerifier(u.id(), u.creditsBalance());
                db.tables().ledger.stream().filter(e -> e.userId().equals(u.id()))
                        .forEach(e -> verifier.accept(e.id(), e.delta(), e.balanceAfter()));
                sink.accept(verifier.result());
                checked++;
            }
            return checked;
        });
    }

    /** Test hook: every entry of the user in id order. */
    public List<LedgerEntry> entries(UUID userId) {
        return db.inTransaction(() -> db.tables().ledger.stream().filter(e -> e.userId().equals(userId)).toList());
    }
}
