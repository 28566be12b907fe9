package dev.creditline.persistence;

import dev.creditline.application.port.out.LotRepository;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.Lot;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.lot.LotStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link LotRepository} on {@code credit_lots}, {@code lot_allocations} and {@code users}. Every
 * write takes the user's row lock first, as the ledger append does, so lots only ever change under
 * that lock (docs/lots.md).
 */
public final class JdbiLotRepository implements LotRepository {

    private static final String LOT_COLUMNS = "id, category, amount, remaining, priority, expires_at, status, created_at";
    private static final String BURN_ORDER = "priority, expires_at NULLS LAST, created_at, id";

    private final JdbiTransactions tx;
    private final JdbiLedgerRepository ledger;

    public JdbiLotRepository(JdbiTransactions tx) {
        this.tx = tx;
        this.ledger = new JdbiLedgerRepository(tx);
    }

    // The row lock and the writes under it must share one transaction even when the caller holds
    // none (a sweeper or service wired with another TransactionPort): otherwise each statement
    // commits on its own, the lock is gone, and two expirers can expire one lot twice.
    @Override
    public Optional<Integer> expireDue(UUID userId, Instant now) {
        return tx.inHandleTransaction(h -> {
            boolean exists = h.createQuery("SELECT true FROM users WHERE id = :u FOR UPDATE").bind("u", userId)
                    .mapTo(Boolean.class).findOne().isPresent();
            return exists ? Optional.of(ledger.lots().expireDue(h, userId, now)) : Optional.<Integer>empty();
        });
    }

    @Override
    public int expireDueSkipLocked(UUID userId, Instant now) {
        return tx.inHandleTransaction(h -> {
            boolean locked = h.createQuery("SELECT true FROM users WHERE id = :u AND next_lot_expiry <= :now"
                            + " FOR UPDATE SKIP LOCKED")
                    .bind("u", userId).bind("now", Rows.ts(now)).mapTo(Boolean.class).findOne().isPresent();
            return locked ? ledger.lots().expireDue(h, userId, now) : 0;
        });
    }

    @Override
    public List<UUID> usersWithDueLots(Instant now, int max) {
        return tx.withHandle(h -> h.createQuery("SELECT DISTINCT user_id FROM credit_lots"
                        + " WHERE status IN ('active', 'depleted') AND expires_at <= :now LIMIT :max")
                .bind("now", Rows.ts(now)).bind("max", max).mapTo(UUID.class).list());
    }

    @Override
    public List<Lot> activeLots(UUID userId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + LOT_COLUMNS + " FROM credit_lots"
                        + " WHERE user_id = :u AND status = 'active' ORDER BY " + BURN_ORDER)
                .bind("u", userId).map(JdbiLotRepository::map).list());
    }

    @Override
    public List<Lot> lots(UUID userId, int limit) {
        return tx.withHandle(h -> h.createQuery("SELECT " + LOT_COLUMNS + " FROM credit_lots"
                        + " WHERE user_id = :u ORDER BY id DESC LIMIT :limit")
                .bind("u", userId).bind("limit", limit).map(JdbiLotRepository::map).list());
    }

    @Override
    public Optional<Long> debt(UUID userId) {
        return tx.withHandle(h -> h.createQuery("SELECT credits_debt FROM users WHERE id = :u")
                .bind("u", userId).mapTo(Long.class).findOne());
    }

    @Override
    public Optional<UUID> ownerOf(long lotId) {
        return tx.withHandle(h -> h.createQuery("SELECT user_id FROM credit_lots WHERE id = :id")
                .bind("id", lotId).mapTo(UUID.class).findOne());
    }

    @Override
    public Optional<Long> voidLot(UUID userId, long lotId, Instant now) {
        return tx.inHandleTransaction(h -> {
            boolean exists = h.createQuery("SELECT true FROM users WHERE id = :u FOR UPDATE").bind("u", userId)
                    .mapTo(Boolean.class).findOne().isPresent();
            if (!exists) {
                return Optional.<Long>empty();
            }
            // Whoever touches the user applies the due expiries first: a lot past its expiry expires, not voids.
            ledger.lots().expireDue(h, userId, now);
            return ledger.lots().voidLot(h, userId, lotId, now);
        });
    }

    @Override
    public Optional<Lot> lotOfGrant(UUID userId, LedgerRef ref) {
        return tx.withHandle(h -> h.createQuery("SELECT " + LOT_COLUMNS + " FROM credit_lots"
                        + " WHERE user_id = :u AND ref_type = :t AND ref_id = :i ORDER BY id DESC LIMIT 1")
                .bind("u", userId).bind("t", ref.type()).bind("i", ref.id()).map(JdbiLotRepository::map).findOne());
    }

    private static final String OF_ENTRIES_SQL = Sql.load("lots/of-entries.sql").replaceAll("(?m)^--.*$", "");

    @Override
    public Map<Long, Lot> lotsOfEntries(UUID userId, Collection<Long> entryIds) {
        if (entryIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Lot> byEntry = new LinkedHashMap<>();
        tx.withHandle(h -> h.createQuery(OF_ENTRIES_SQL).bind("u", userId).bindList("entries", List.copyOf(entryIds))
                .map((rs, ctx) -> {
                    byEntry.putIfAbsent(rs.getLong("entry_id"), map(rs, ctx));
                    return 0;
                }).list());
        return byEntry;
    }

    @Override
    public void addDebt(UUID userId, long credits) {
        tx.withHandle(h -> h.createUpdate("UPDATE users SET credits_debt = credits_debt + :c WHERE id = :u")
                .bind("c", credits).bind("u", userId).execute());
    }

    static Lot map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Lot(rs.getLong("id"), LotCategory.fromWire(rs.getString("category")), rs.getLong("amount"),
                rs.getLong("remaining"), rs.getInt("priority"), Rows.instant(rs, "expires_at"),
                LotStatus.fromWire(rs.getString("status")), Rows.instant(rs, "created_at"));
    }
}
