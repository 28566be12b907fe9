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

    /** The columns {@link #map} reads ({@code <columns>} in the statements that return lots). */
    private static final String COLUMNS = "id, category, amount, remaining, priority, expires_at, status, created_at";

    private static final String LOCK_USER_SQL = Sql.load("lot-repository/lock-user.sql");
    private static final String LOCK_USER_IF_DUE_SQL = Sql.load("lot-repository/lock-user-if-due.sql");
    private static final String USERS_WITH_DUE_LOTS_SQL = Sql.load("lot-repository/users-with-due-lots.sql");
    private static final String ACTIVE_SQL = Sql.load("lot-repository/active.sql");
    private static final String RECENT_SQL = Sql.load("lot-repository/recent.sql");
    private static final String DEBT_SQL = Sql.load("lot-repository/debt.sql");
    private static final String OWNER_SQL = Sql.load("lot-repository/owner.sql");
    private static final String OF_GRANT_SQL = Sql.load("lot-repository/of-grant.sql");
    private static final String ADD_DEBT_SQL = Sql.load("lot-repository/add-debt.sql");

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
            boolean exists = h.createQuery(LOCK_USER_SQL).bind("u", userId)
                    .mapTo(Boolean.class).findOne().isPresent();
            return exists ? Optional.of(ledger.lots().expireDue(h, userId, now)) : Optional.<Integer>empty();
        });
    }

    @Override
    public int expireDueSkipLocked(UUID userId, Instant now) {
        return tx.inHandleTransaction(h -> {
            boolean locked = h.createQuery(LOCK_USER_IF_DUE_SQL)
                    .bind("u", userId).bind("now", Rows.ts(now)).mapTo(Boolean.class).findOne().isPresent();
            return locked ? ledger.lots().expireDue(h, userId, now) : 0;
        });
    }

    @Override
    public List<UUID> usersWithDueLots(Instant now, int max) {
        return tx.withHandle(h -> h.createQuery(USERS_WITH_DUE_LOTS_SQL)
                .bind("now", Rows.ts(now)).bind("max", max).mapTo(UUID.class).list());
    }

    @Override
    public List<Lot> activeLots(UUID userId) {
        return tx.withHandle(h -> h.createQuery(ACTIVE_SQL).define("columns", COLUMNS)
                .bind("u", userId).map(JdbiLotRepository::map).list());
    }

    @Override
    public List<Lot> lots(UUID userId, int limit) {
        return tx.withHandle(h -> h.createQuery(RECENT_SQL).define("columns", COLUMNS)
                .bind("u", userId).bind("limit", limit).map(JdbiLotRepository::map).list());
    }

    @Override
    public Optional<Long> debt(UUID userId) {
        return tx.withHandle(h -> h.createQuery(DEBT_SQL)
                .bind("u", userId).mapTo(Long.class).findOne());
    }

    @Override
    public Optional<UUID> ownerOf(long lotId) {
        return tx.withHandle(h -> h.createQuery(OWNER_SQL)
                .bind("id", lotId).mapTo(UUID.class).findOne());
    }

    @Override
    public Optional<Long> voidLot(UUID userId, long lotId, Instant now) {
        return tx.inHandleTransaction(h -> {
            boolean exists = h.createQuery(LOCK_USER_SQL).bind("u", userId)
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
        return tx.withHandle(h -> h.createQuery(OF_GRANT_SQL).define("columns", COLUMNS)
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
        tx.withHandle(h -> h.createUpdate(ADD_DEBT_SQL)
                .bind("c", credits).bind("u", userId).execute());
    }

    static Lot map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Lot(rs.getLong("id"), LotCategory.fromWire(rs.getString("category")), rs.getLong("amount"),
                rs.getLong("remaining"), rs.getInt("priority"), Rows.instant(rs, "expires_at"),
                LotStatus.fromWire(rs.getString("status")), Rows.instant(rs, "created_at"));
    }
}
