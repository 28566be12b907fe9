package dev.creditline.persistence;

import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.alerts.BalanceWatch;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.ledger.LedgerVerification;
import dev.creditline.domain.ledger.LedgerVerifier;
import dev.creditline.domain.plan.Plan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link LedgerRepository} on {@code credit_ledger} and {@code users.credits_balance}.
 *
 * <p>An append is two statements in the caller's transaction. The first inserts the entry
 * from the user's row read {@code FOR UPDATE} — so the running balance is computed under the
 * row lock from the latest committed balance — only when the new balance is not negative, and
 * {@code ON CONFLICT DO NOTHING} lets the partial unique index refuse a repeated idempotent
 * ref. The second moves the cached balance to the entry's {@code balance_after}. Nothing is
 * read before the lock, so there is no check-then-act (lessons 5, 6).
 */
public final class JdbiLedgerRepository implements LedgerRepository {

    /**
     * The columns {@link #mapEntry} reads: {@code <columns>} in the statements that return entries
     * (here and in {@link JdbiCreditViewRepository}), and the RETURNING of the plain-JDBC appends.
     */
    static final String ENTRY_COLUMNS = "id, user_id, delta, balance_after, reason, ref_type, ref_id, created_at";

    static final String ENTRIES_SQL = Sql.load("ledger/entries.sql");
    static final String COUNT_ENTRIES_SQL = Sql.load("ledger/count-entries.sql");
    private static final String REF_EXISTS_SQL = Sql.load("ledger/ref-exists.sql");
    private static final String VERIFY_ENTRIES_SQL = Sql.load("ledger/verify-entries.sql");

    private static final String LOCK_USER_SQL = Sql.load("lots/lock-user.sql");
    private static final String VERIFY_LOTS_SQL = Sql.load("lots/verify.sql").replaceAll("(?m)^--.*$", "");

    private final JdbiTransactions tx;
    private final LotLedger lots;

    private final BalanceWatch watch;

    public JdbiLedgerRepository(JdbiTransactions tx) {
        this(tx, BalanceWatch.NONE);
    }

    /**
     * @param watch told about every balance change inside its transaction, with the alert marks the
     *              change's own balance update returned, and about every refused debit after its
     *              transaction (balance alerts, events.md)
     */
    public JdbiLedgerRepository(JdbiTransactions tx, BalanceWatch watch) {
        this.tx = tx;
        this.watch = watch;
        this.lots = new LotLedger(this, watch);
    }

    /**
     * The conditional insert of an append (see the class comment); parameters in {@link #append}
     * order. It also refuses while a lot expiry of the user is due, so that the expiry is applied
     * first under the same lock (docs/lots.md).
     */
    private static final String APPEND_SQL = """
            INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, actor_id,
                created_at)
            SELECT u.id, ?, u.credits_balance + ?, ?, ?, ?, ?, ?, ?
            FROM (SELECT id, credits_balance, next_lot_expiry FROM users WHERE id = ? FOR UPDATE) u
            WHERE u.credits_balance + ? >= 0 AND (u.next_lot_expiry IS NULL OR u.next_lot_expiry > ?)
            ON CONFLICT DO NOTHING
            RETURNING\s""" + ENTRY_COLUMNS;

    /** The insert of an entry made by the lot bookkeeping itself (expiry, void, debt repayment). */
    private static final String INSERT_SQL = """
            INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, note, actor_id,
                created_at)
            SELECT u.id, ?, u.credits_balance + ?, ?, ?, ?, ?, ?, ?
            FROM (SELECT id, credits_balance FROM users WHERE id = ? FOR UPDATE) u
            WHERE u.credits_balance + ? >= 0
            ON CONFLICT DO NOTHING
            RETURNING\s""" + ENTRY_COLUMNS;

    /**
     * {@inheritDoc}
     *
     * <p>A debit in burn order runs as plain JDBC on the transaction's connection ({@link Jdbc}) because
     * it is on every metered request: the user's row lock with what decides the debit, which also writes
     * the entry when the user's current lot covers it, then the balance on the locked row; otherwise one
     * statement that inserts the entry, allocates in burn order and moves the cached balance
     * ({@link LotLedger#debit}; docs/lots.md "The append"). Any other append is the conditional insert,
     * then the lot side ({@link LotLedger#apply}).
     */
    @Override
    public AppendResult append(LedgerAppend a) {
        // The insert's row lock must cover the lot side too: a caller outside a transaction gets one.
        return tx.inHandleTransaction(h -> appendInHandle(h, a, null));
    }

    @Override
    public AppendResult appendUnlessAllowanceDue(LedgerAppend a, Instant anchorCutoff) {
        Objects.requireNonNull(anchorCutoff, "anchorCutoff");
        return tx.inHandleTransaction(h -> appendInHandle(h, a, anchorCutoff));
    }

    /** {@link #append} on a handle inside the caller's transaction. */
    AppendResult appendInHandle(Handle h, LedgerAppend a) {
        return appendInHandle(h, a, null);
    }

    /**
     * {@link #append}, or with {@code anchorCutoff} {@link #appendUnlessAllowanceDue}, on a handle inside
     * the caller's transaction.
     */
    private AppendResult appendInHandle(Handle h, LedgerAppend a, Instant anchorCutoff) {
        boolean internal = a.lots() instanceof LotTerms.FromLot;
        OffsetDateTime at = Rows.ts(a.at());
        OffsetDateTime cutoff = Rows.ts(anchorCutoff);
        if (a.delta() < 0 && LotLedger.termsOf(a) instanceof LotTerms.Burn burn) {
            return debitInHandle(h, a, burn, cutoff);
        }
        if (cutoff != null) {
            // Not a debit, yet asked to refuse while a free grant is due: decide that on the locked row first.
            Optional<Boolean> due = Jdbc.first(h, LOCK_USER_SQL, rs -> rs.getBoolean(1), cutoff, Plan.FREE_ID, cutoff,
                    a.userId());
            if (due.isEmpty()) {
                return new AppendResult.UnknownUser();
            }
            if (due.get()) {
                return new AppendResult.AllowanceDue();
            }
        }
        for (int attempt = 0; ; attempt++) {
            Optional<LedgerEntry> entry = internal ? insertEntry(h, a)
                    : Jdbc.first(h, APPEND_SQL, rs -> mapEntry(rs, null),
                    a.delta(), a.delta(), a.reason().wireName(), a.ref().type(), a.ref().id(), a.note(), a.actorId(),
                    at, a.userId(), a.delta(), at);
            if (entry.isPresent()) {
                lots.apply(h, a, entry.get());
                return new AppendResult.Appended(entry.get());
            }
            // Refused: say why, under the user's row lock. The insert's FOR UPDATE may not have locked
            // the row (the planner can filter before locking), and the due expiries below must run under it.
            Optional<Object[]> user = Jdbc.first(h, "SELECT credits_balance, next_lot_expiry FROM users WHERE id = ?"
                            + " FOR UPDATE", rs -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class)},
                    a.userId());
            if (user.isEmpty()) {
                return new AppendResult.UnknownUser();
            }
            OffsetDateTime nextExpiry = (OffsetDateTime) user.get()[1];
            if (!internal && attempt == 0) {
                // Now that this transaction holds the lock, try once more on the row as it is (the
                // insert may have judged a version a concurrent append has since replaced), after
                // applying the expiries that are due.
                if (nextExpiry != null && !nextExpiry.toInstant().isAfter(a.at())) {
                    lots.expireDue(h, a.userId(), a.at());
                }
                continue;
            }
            if (a.ref().isIdempotent() && refExists(a.userId(), a.ref().type(), a.ref().id())) {
                return new AppendResult.Duplicate();
            }
            long balance = (Long) user.get()[0];
            if (a.delta() < 0) {
                // Answered 402 by the caller: credits.depleted, decided after this transaction ends.
                tx.afterCompletion(() -> watch.refused(a.userId(), -a.delta(), balance));
            }
            return new AppendResult.Insufficient(balance);
        }
    }

    /**
     * A debit in burn order. The first statement locks the user's row and decides on it; when the user's
     * current lot covers the debit it also writes the entry, and a second statement moves the balance and
     * the lot's remaining on the locked row (the common case: the two statements of the append before
     * lots, touching no lot). Otherwise, under that lock: a due free
     * allowance or a balance short of the debit is answered; due lot expiries are applied and the debit
     * decided again; else one statement writes entry, allocations, lots, balance and the next current lot
     * ({@link LotLedger#debit}).
     */
    private AppendResult debitInHandle(Handle h, LedgerAppend a, LotTerms.Burn burn, OffsetDateTime cutoff) {
        OffsetDateTime expiryAt = Rows.ts(a.at());
        while (true) {
            Optional<LotLedger.Debit> attempt = lots.lockAndDebitFromCurrentLot(h, a, burn, expiryAt, cutoff);
            if (attempt.isEmpty()) {
                return new AppendResult.UnknownUser();
            }
            LotLedger.Debit d = attempt.get();
            if (d.entry() != null) {
                return new AppendResult.Appended(d.entry());
            }
            if (d.allowanceDue()) {
                return new AppendResult.AllowanceDue();
            }
            if (d.expiryDue()) {
                // Expired credits must leave before they are spent: apply the due expiries under this
                // lock, then decide again without asking (none is due any more).
                lots.expireDue(h, a.userId(), a.at());
                expiryAt = null;
                continue;
            }
            if (d.covered()) {
                return new AppendResult.Duplicate();
            }
            if (d.balance() + a.delta() < 0) {
                if (a.ref().isIdempotent() && refExists(a.userId(), a.ref().type(), a.ref().id())) {
                    return new AppendResult.Duplicate();
                }
                // Answered 402 by the caller: credits.depleted, decided after this transaction ends.
                tx.afterCompletion(() -> watch.refused(a.userId(), -a.delta(), d.balance()));
                return new AppendResult.Insufficient(d.balance());
            }
            return lots.debit(h, a, burn, d.balance() + a.delta())
                    .<AppendResult>map(AppendResult.Appended::new)
                    .orElseGet(AppendResult.Duplicate::new);
        }
    }

    /** Inserts an entry under the user's row lock without the lot side or the balance update. */
    Optional<LedgerEntry> insertEntry(Handle h, LedgerAppend a) {
        return Jdbc.first(h, INSERT_SQL, rs -> mapEntry(rs, null),
                a.delta(), a.delta(), a.reason().wireName(), a.ref().type(), a.ref().id(), a.note(), a.actorId(),
                Rows.ts(a.at()), a.userId(), a.delta());
    }

    /** The lot bookkeeping of this ledger, for the lot repository. */
    LotLedger lots() {
        return lots;
    }

    @Override
    public LedgerPage history(UUID userId, int limit, int offset) {
        return tx.withHandle(h -> {
            List<LedgerEntry> items = h.createQuery(ENTRIES_SQL)
                    .define("columns", ENTRY_COLUMNS).define("filter", "")
                    .bind("u", userId).bind("limit", limit).bind("offset", offset)
                    .map(JdbiLedgerRepository::mapEntry).list();
            long total = h.createQuery(COUNT_ENTRIES_SQL).define("filter", "")
                    .bind("u", userId).mapTo(Long.class).one();
            return new LedgerPage(items, total);
        });
    }

    @Override
    public boolean refExists(UUID userId, String refType, String refId) {
        return tx.withHandle(h -> h.createQuery(REF_EXISTS_SQL)
                .bind("u", userId).bind("t", refType).bind("i", refId).mapTo(Boolean.class).one());
    }

    @Override
    public long verify(Optional<UUID> userId, Consumer<LedgerVerification> sink) {
        return tx.inHandleTransaction(h -> {
            Map<UUID, long[]> badLots = new HashMap<>();
            var lotQuery = h.createQuery(VERIFY_LOTS_SQL + (userId.isPresent() ? " AND u.id = :u" : ""));
            userId.ifPresent(u -> lotQuery.bind("u", u));
            lotQuery.map((rs, ctx) -> {
                Long bad = Rows.nullableLong(rs, "first_bad");
                badLots.put(Rows.uuid(rs, "id"), new long[] {rs.getLong("active_remaining"), bad == null ? -1 : bad});
                return 0;
            }).forEach(x -> { });
            Consumer<LedgerVerification> withLots = v -> {
                long[] lots = badLots.get(v.userId());
                sink.accept(lots == null ? v : v.withLots(lots[0], lots[1] < 0 ? null : lots[1]));
            };
            return verifyEntries(h, userId, withLots);
        });
    }

    private long verifyEntries(Handle h, Optional<UUID> userId, Consumer<LedgerVerification> sink) {
        {
            long[] checked = {0};
            LedgerVerifier[] current = {null};
            UUID[] currentUser = {null};
            var query = h.createQuery(VERIFY_ENTRIES_SQL)
                    .define("filter", userId.isPresent() ? "WHERE u.id = :u" : "");
            userId.ifPresent(u -> query.bind("u", u));
            query.setFetchSize(5000)
                    .map((rs, ctx) -> {
                        UUID u = Rows.uuid(rs, "user_id");
                        if (!u.equals(currentUser[0])) {
                            if (current[0] != null) {
                                sink.accept(current[0].result());
                            }
                            currentUser[0] = u;
                            current[0] = new LedgerVerifier(u, rs.getLong("credits_balance"));
                            checked[0]++;
                        }
                        Long entryId = Rows.nullableLong(rs, "id");
                        if (entryId != null) {
                            current[0].accept(entryId, rs.getLong("delta"), rs.getLong("balance_after"));
                        }
                        return 0;
                    })
                    .forEach(x -> { });
            if (current[0] != null) {
                sink.accept(current[0].result());
            }
            return checked[0];
        }
    }

    /** The one mapper of a {@code credit_ledger} row, by column name (JDBI and plain JDBC alike). */
    static LedgerEntry mapEntry(ResultSet rs, StatementContext ctx) throws SQLException {
        return new LedgerEntry(rs.getLong("id"), Rows.uuid(rs, "user_id"), rs.getLong("delta"),
                rs.getLong("balance_after"), LedgerReason.fromWire(rs.getString("reason")),
                new LedgerRef(rs.getString("ref_type"), rs.getString("ref_id")), Rows.instant(rs, "created_at"));
    }
}
