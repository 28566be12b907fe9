package dev.creditline.persistence;

import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.alerts.AlertMarks;
import dev.creditline.application.port.out.alerts.BalanceWatch;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.events.EventData;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.Allocation;
import dev.creditline.domain.lot.Burn;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.lot.LotStatus;
import dev.creditline.domain.lot.Rollover;
import dev.creditline.domain.plan.Plan;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The lot side of a ledger append (docs/lots.md): runs right after the entry's insert, in the same
 * transaction, under the user's row lock that insert took, and moves the cached balance with it.
 * A grant makes a lot (and repays debt from it), a debit records its allocations in burn order,
 * a give-back returns credits to the lots the original entry took them from.
 *
 * <p>The user's current lot (V122, docs/lots.md "The current lot"): a debit that the first lot in burn
 * order covers is kept on the user's row ({@code current_lot_remaining}) and the entry's {@code lot_id},
 * not on the lot row; every other change to the user's lots first writes it back
 * ({@link #writeBackCurrentLot}), and the full debit sets the next one.
 */
final class LotLedger {

    private static final String BURN_SQL = Sql.load("lots/burn.sql");
    private static final String DEBIT_SQL = Sql.load("lots/debit.sql");
    private static final String DEBIT_CURRENT_LOT_SQL = Sql.load("lots/debit-current-lot.sql");
    private static final String FLUSH_CURRENT_LOT_SQL = Sql.load("lots/flush-current-lot.sql");
    private static final String GRANT_SQL = Sql.load("lots/grant.sql");
    private static final String TAKEN_SQL = Sql.load("lots/taken.sql");
    private static final String NEXT_EXPIRY_SQL = Sql.load("lots/next-expiry.sql");

    private final JdbiLedgerRepository ledger;
    private final BalanceWatch watch;

    LotLedger(JdbiLedgerRepository ledger, BalanceWatch watch) {
        this.ledger = ledger;
        this.watch = watch;
    }

    /**
     * Tells the watch about the balance change of {@code entry}, with the alert marks the balance
     * update returned (balance alerts, events.md; still under the user's row lock).
     */
    private void watched(LedgerAppend a, LedgerEntry entry, AlertMarks marks) {
        watch.changed(a.userId(), entry.balanceAfter() - entry.delta(), entry.balanceAfter(), marks, a.at());
    }

    /** The terms an entry without explicit ones follows (see {@link LotTerms}). */
    static LotTerms termsOf(LedgerAppend a) {
        if (a.lots() != null) {
            return a.lots();
        }
        if (a.delta() < 0) {
            return new LotTerms.Burn(null);
        }
        LotCategory category = LotCategory.ofGrant(a.reason());
        if (category == null) {
            // A hold's settlement refs carry the hold id, optionally followed by ':' and more.
            String id = a.ref().id();
            int colon = id.indexOf(':');
            return new LotTerms.GiveBack(LedgerRef.hold(colon < 0 ? id : id.substring(0, colon)));
        }
        return new LotTerms.Grant(category, null, null);
    }

    /** Applies the appended entry to the user's lots and moves the cached balance. */
    void apply(Handle h, LedgerAppend a, LedgerEntry entry) {
        writeBackCurrentLot(h, a.userId());
        LotTerms terms = termsOf(a);
        if (terms instanceof LotTerms.Grant g) {
            grant(h, a, entry, g.category(), g.priority(), g.expiresAt(), g.rollover(), a.delta());
        } else if (terms instanceof LotTerms.Burn) {
            // A debit in burn order is written by debit(), entry and lots together.
            throw new IllegalStateException("a debit in burn order is appended through LotLedger.debit: " + a);
        } else if (terms instanceof LotTerms.FromLot f) {
            burn(h, a, entry, -1, f.lotId(), true);
        } else if (terms instanceof LotTerms.GiveBack g) {
            giveBack(h, a, entry, g.origin());
        }
    }

    private void grant(Handle h, LedgerAppend a, LedgerEntry entry, LotCategory category, Integer priority,
                       Instant expiresAt, Rollover rollover, long amount) {
        OffsetDateTime at = Rows.ts(a.at());
        OffsetDateTime expires = Rows.ts(expiresAt);
        record Granted(long debt, long lot, AlertMarks marks) {
        }
        Granted granted = Jdbc.first(h, GRANT_SQL,
                rs -> new Granted(rs.getLong(1), rs.getLong(2), AlertColumns.read(rs, 3)),
                a.userId(), category.wireName(), amount, amount,
                priority != null ? priority : category.defaultPriority(), expires, entry.id(), a.ref().type(),
                a.ref().id(), at, rollover == null ? null : rollover.maxCredits(),
                rollover == null ? null : Rows.ts(rollover.expiresAt()), entry.balanceAfter(), at, expires,
                a.userId()).orElseThrow();
        watched(a, entry, granted.marks());
        long[] debtAndLot = {granted.debt(), granted.lot()};
        long repay = Burn.debtRepayment(debtAndLot[0], amount);
        long lotId = debtAndLot[1];
        if (repay > 0) {
            ledger.appendInHandle(h, new LedgerAppend(a.userId(), -repay, LedgerReason.DEBT_REPAYMENT,
                    LedgerRef.debtRepayment(lotId), null, null, a.at(), new LotTerms.FromLot(lotId)));
            Jdbc.update(h, "UPDATE users SET credits_debt = credits_debt - ? WHERE id = ?", repay, a.userId());
        }
        // credits.granted (events.md), in the grant's transaction under the user's row lock.
        long remaining = amount - repay;
        JdbiEventOutbox.emit(h, a.userId(), EventType.CREDITS_GRANTED, new EventData.CreditsGranted(
                new EventData.LotJson(lotId, category.wireName(), amount, remaining,
                        priority != null ? priority : category.defaultPriority(), expiresAt,
                        remaining > 0 ? "active" : "depleted", a.at(), a.ref().type(), a.ref().id()),
                entry.balanceAfter() - repay), a.at());
    }

    private void burn(Handle h, LedgerAppend a, LedgerEntry entry, long preferredLot, long onlyLot,
                      boolean exact) {
        record Burnt(long taken, AlertMarks marks) {
        }
        Burnt burnt = Jdbc.first(h, BURN_SQL, rs -> new Burnt(rs.getLong(1), AlertColumns.read(rs, 2)), preferredLot,
                a.userId(), onlyLot, exact, -a.delta(), -a.delta(), a.userId(), a.userId(), entry.id(), entry.id(),
                entry.balanceAfter(), Rows.ts(a.at()), a.userId()).orElseThrow();
        long taken = burnt.taken();
        if (taken != -a.delta()) {
            // The balance covered the debit but the lots did not: the lot invariant is broken.
            throw new IllegalStateException("lots of user " + a.userId() + " hold " + taken + " of the "
                    + -a.delta() + " credits of entry " + entry.id());
        }
        watched(a, entry, burnt.marks());
    }

    /**
     * What the first statement of a debit found on the user's locked row, and the entry when it wrote it.
     *
     * @param balance      the user's balance under the lock, before the debit (credits)
     * @param expiryDue    a lot expiry was due at the entry's time (asked only when the caller asked): nothing written
     * @param allowanceDue the free grant was due (asked only with an anchor cutoff): nothing written
     * @param covered      the user's current lot covered the debit: when {@code entry} is null, its ref was used before
     * @param entry        the debit's entry, or null when nothing was written
     */
    record Debit(long balance, boolean expiryDue, boolean allowanceDue, boolean covered, LedgerEntry entry) {
    }

    /**
     * The first statement of a debit in burn order (lots/debit-current-lot.sql): locks the user's row and
     * decides on it; when the user's current lot (V122) holds more than the debit and the debit has no
     * preferred lot, also writes it: the entry with that lot, the balance and the lot's remaining on the
     * user's row, nothing else. Otherwise nothing is written; the caller keeps the lock and either answers
     * (a due grant or expiry, a balance short of the debit) or writes the debit with {@link #debit}.
     *
     * @param expiryAt     refuse while a lot expiry is due at this instant; null when the caller has just applied them
     * @param anchorCutoff refuse while the free grant is due for this cutoff; null: not asked
     * @return what decided, and the entry when written; empty when the user does not exist
     */
    Optional<Debit> lockAndDebitFromCurrentLot(Handle h, LedgerAppend a, LotTerms.Burn terms,
                                               OffsetDateTime expiryAt, OffsetDateTime anchorCutoff) {
        record Locked(Debit debit, long lotRemainingAfter) {
        }
        long credits = -a.delta();
        Optional<Locked> locked = Jdbc.first(h, DEBIT_CURRENT_LOT_SQL, rs -> {
                    LedgerEntry entry = rs.getObject(6) == null ? null : JdbiLedgerRepository.mapEntry(rs, null);
                    return new Locked(new Debit(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                            entry), rs.getLong(5));
                },
                expiryAt, expiryAt, anchorCutoff, Plan.FREE_ID, anchorCutoff, a.userId(), credits,
                terms.preferredLotRef() == null, credits, a.delta(), a.reason().wireName(), a.ref().type(),
                a.ref().id(), a.note(), a.actorId(), Rows.ts(a.at()), credits);
        Optional<LedgerEntry> written = locked.map(l -> l.debit().entry());
        if (written.isPresent()) {
            LedgerEntry entry = written.get();
            AlertMarks marks = Jdbc.first(h, "UPDATE users SET credits_balance = ?, current_lot_remaining = ?,"
                            + " updated_at = ? WHERE id = ? RETURNING " + AlertColumns.LIST, rs -> AlertColumns.read(rs, 1),
                    entry.balanceAfter(), locked.get().lotRemainingAfter(), Rows.ts(entry.createdAt()), a.userId())
                    .orElseThrow();
            watched(a, entry, marks);
        }
        return locked.map(Locked::debit);
    }

    /**
     * A debit in burn order as one statement (lots/debit.sql): the entry, its allocations (on the entry
     * when one lot covers it, else one row per lot), the lots and the cached balance, and the user's next
     * current lot. The caller holds the user's row lock (taken by {@link #lockAndDebitFromCurrentLot}, so
     * that this statement's snapshot sees every committed change of the user's lots) and has checked that
     * the balance covers the debit.
     *
     * @param balanceAfter the locked balance plus the entry's delta, ≥ 0
     * @return the entry, or empty when its idempotent ref was already used (nothing written)
     * @throws IllegalStateException when the user's active lots hold less than the debit (a broken lot invariant)
     */
    Optional<LedgerEntry> debit(Handle h, LedgerAppend a, LotTerms.Burn terms, long balanceAfter) {
        record Debited(LedgerEntry entry, long taken, AlertMarks marks) {
        }
        long credits = -a.delta();
        long preferred = preferred(h, a.userId(), terms.preferredLotRef());
        Optional<Debited> debited = Jdbc.first(h, DEBIT_SQL,
                rs -> new Debited(JdbiLedgerRepository.mapEntry(rs, null), rs.getLong("taken"), AlertColumns.read(rs, 10)),
                preferred, a.userId(), credits, credits,
                a.userId(), a.delta(), balanceAfter, a.reason().wireName(), a.ref().type(), a.ref().id(), a.note(),
                a.actorId(), Rows.ts(a.at()), credits, credits, preferred);
        if (debited.isEmpty()) {
            return Optional.empty();
        }
        Debited d = debited.get();
        if (d.taken() != credits) {
            // The balance covered the debit but the lots did not: the lot invariant is broken.
            throw new IllegalStateException("lots of user " + a.userId() + " hold " + d.taken() + " of the "
                    + credits + " credits of entry " + d.entry().id());
        }
        watched(a, d.entry(), d.marks());
        return Optional.of(d.entry());
    }

    /**
     * Writes the user's current lot back to its row and clears it (lots/flush-current-lot.sql): the first
     * step of every change to the user's lots other than a debit in burn order, under the user's row lock,
     * so that lot rows hold the true remaining before anything reads them to write.
     */
    void writeBackCurrentLot(Handle h, UUID userId) {
        Jdbc.update(h, FLUSH_CURRENT_LOT_SQL, userId);
    }

    private static long preferred(Handle h, UUID userId, LedgerRef lotRef) {
        if (lotRef == null) {
            return -1;
        }
        return Jdbc.first(h, "SELECT id FROM credit_lots WHERE user_id = ? AND ref_type = ? AND ref_id = ?"
                        + " ORDER BY id LIMIT 1", rs -> rs.getLong(1), userId, lotRef.type(), lotRef.id()).orElse(-1L);
    }

    private void giveBack(Handle h, LedgerAppend a, LedgerEntry entry, LedgerRef origin) {
        record TakenRow(Burn.Taken taken, LotStatus status) {
        }
        List<TakenRow> rows = h.createQuery(TAKEN_SQL.replaceAll("(?m)^--.*$", ""))
                .bind(0, a.userId()).bind(1, a.userId()).bind(2, origin.type()).bind(3, origin.id())
                .map((rs, ctx) -> new TakenRow(new Burn.Taken(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                        LotStatus.fromWire(rs.getString(4)))).list();
        Map<Long, LotStatus> status = new HashMap<>();
        rows.forEach(r -> status.put(r.taken().lotId(), r.status()));
        List<Allocation> back = Burn.giveBack(rows.stream().map(TakenRow::taken).toList(), a.delta());
        long originEntry = originEntryId(h, a.userId(), origin).orElse(entry.id());
        long given = 0;
        List<Allocation> closed = new ArrayList<>();
        for (Allocation b : back) {
            Jdbc.update(h, "INSERT INTO lot_allocation_rows (user_id, entry_id, lot_id, origin_entry_id, amount)"
                    + " VALUES (?, ?, ?, ?, ?)", a.userId(), entry.id(), b.lotId(), originEntry, b.amount());
            given -= b.amount();
            if (status.get(b.lotId()).isClosed()) {
                closed.add(b);
            } else {
                Jdbc.update(h, "UPDATE credit_lot_rows SET remaining = remaining - ?, status = 'active'"
                        + " WHERE user_id = ? AND id = ?", b.amount(), a.userId(), b.lotId());
            }
        }
        OffsetDateTime at = Rows.ts(a.at());
        if (given < a.delta()) {
            // Nothing recorded to give back to (an entry older than lots): the rest is a lot of its own.
            grantRest(h, a, entry, a.delta() - given);
        } else {
            watched(a, entry, Jdbc.first(h, "UPDATE users SET credits_balance = ?, updated_at = ? WHERE id = ?"
                    + " RETURNING " + AlertColumns.LIST, rs -> AlertColumns.read(rs, 1),
                    entry.balanceAfter(), at, a.userId()).orElseThrow());
        }
        // Reactivated lots may expire earlier than the cached next expiry.
        Jdbc.update(h, NEXT_EXPIRY_SQL, a.userId(), a.userId());
        for (Allocation c : closed) {
            closeAgain(h, a, entry, c.lotId(), -c.amount(), status.get(c.lotId()));
        }
    }

    private void grantRest(Handle h, LedgerAppend a, LedgerEntry entry, long rest) {
        grant(h, a, entry, LotCategory.ADMIN, null, null, null, rest);
    }

    /** Credits given back to an expired or voided lot leave again at once through their own entry. */
    private void closeAgain(Handle h, LedgerAppend a, LedgerEntry cause, long lotId, long credits, LotStatus status) {
        String id = lotId + ":" + cause.id();
        LedgerAppend leave = new LedgerAppend(a.userId(), -credits,
                status == LotStatus.VOIDED ? LedgerReason.VOID : LedgerReason.EXPIRY,
                status == LotStatus.VOIDED ? LedgerRef.lotVoid(id) : LedgerRef.lotExpiry(id), null, null, a.at(),
                new LotTerms.FromLot(lotId));
        LedgerEntry e = ledger.insertEntry(h, leave).orElseThrow(
                () -> new IllegalStateException("could not expire credits given back to lot " + lotId));
        Jdbc.update(h, "INSERT INTO lot_allocation_rows (user_id, entry_id, lot_id, origin_entry_id, amount)"
                + " VALUES (?, ?, ?, ?, ?)", a.userId(), e.id(), lotId, e.id(), credits);
        AlertMarks marks = Jdbc.first(h, "UPDATE users SET credits_balance = ?, updated_at = ? WHERE id = ?"
                + " RETURNING " + AlertColumns.LIST, rs -> AlertColumns.read(rs, 1), e.balanceAfter(),
                Rows.ts(a.at()), a.userId()).orElseThrow();
        watched(leave, e, marks);
    }

    private static Optional<Long> originEntryId(Handle h, UUID userId, LedgerRef origin) {
        return Jdbc.first(h, "SELECT id FROM credit_ledger WHERE user_id = ? AND ref_type = ? AND ref_id = ?"
                + " ORDER BY id LIMIT 1", rs -> rs.getLong(1), userId, origin.type(), origin.id());
    }

    /**
     * Applies every expiry due at {@code now} for a user whose row this transaction has locked:
     * one {@code expiry} entry per lot with credits left (ref {@code lot_expiry/<lot id>}),
     * earliest first, then recomputes the user's next expiry (docs/lots.md). A lot with
     * rollover terms then grants up to {@code rollover_max} of the credits that just expired as a
     * {@code rollover} lot (entry reason {@code rollover}, ref {@code rollover/<lot id>}, unique)
     * expiring at {@code rollover_expires_at}; a rollover lot already due expires in the same call
     * and never rolls over ({@link Rollover}, docs/lots.md).
     *
     * @return the number of lots closed
     */
    int expireDue(Handle h, UUID userId, Instant now) {
        record Due(long id, long remaining, String status, String category, Long rolloverMax,
                   OffsetDateTime rolloverExpiresAt, EventData.LotJson lot) {
        }
        writeBackCurrentLot(h, userId);
        int closed = 0;
        while (true) {
            List<Due> due = h.createQuery("SELECT id, category, amount, remaining, priority, expires_at, status,"
                            + " created_at, ref_type, ref_id, rollover_max, rollover_expires_at"
                            + " FROM credit_lots WHERE user_id = :u"
                            + " AND status IN ('active', 'depleted') AND expires_at <= :now ORDER BY expires_at, id")
                    .bind("u", userId).bind("now", Rows.ts(now))
                    .map((rs, ctx) -> new Due(rs.getLong("id"), rs.getLong("remaining"), rs.getString("status"),
                            rs.getString("category"), Rows.nullableLong(rs, "rollover_max"),
                            rs.getObject("rollover_expires_at", OffsetDateTime.class),
                            JdbiExpiringLotNotices.lotJson(rs))).list();
            if (due.isEmpty()) {
                break;
            }
            for (Due d : due) {
                boolean leaves = d.remaining() > 0 && "active".equals(d.status());
                if (leaves) {
                    ledger.appendInHandle(h, new LedgerAppend(userId, -d.remaining(), LedgerReason.EXPIRY,
                            LedgerRef.lotExpiry(Long.toString(d.id())), null, null, now,
                            new LotTerms.FromLot(d.id())));
                    // lot.expired (events.md): the expiry entry was written.
                    EventData.LotJson l = d.lot();
                    JdbiEventOutbox.emit(h, userId, EventType.LOT_EXPIRED, new EventData.LotExpired(
                            new EventData.LotJson(l.id(), l.category(), l.amount(), 0, l.priority(), l.expiresAt(),
                                    "expired", l.createdAt(), l.refType(), l.refId()), d.remaining()), now);
                }
                Jdbc.update(h, "UPDATE credit_lot_rows SET status = 'expired' WHERE user_id = ? AND id = ?", userId,
                        d.id());
                if (leaves && d.rolloverMax() != null) {
                    Rollover terms = new Rollover(d.rolloverMax(), d.rolloverExpiresAt().toInstant());
                    long carried = terms.credits(LotCategory.fromWire(d.category()), d.remaining());
                    if (carried > 0) {
                        rollOver(h, userId, d.id(), carried, terms.expiresAt(), now);
                    }
                }
                closed++;
            }
        }
        Jdbc.update(h, NEXT_EXPIRY_SQL, userId, userId);
        return closed;
    }

    /** The rollover entry and lot of {@code credits} that lot {@code expiredLotId} just gave up. */
    private void rollOver(Handle h, UUID userId, long expiredLotId, long credits, Instant expiresAt, Instant now) {
        LedgerAppend a = new LedgerAppend(userId, credits, LedgerReason.ROLLOVER, LedgerRef.rollover(expiredLotId),
                null, null, now, new LotTerms.Grant(LotCategory.ROLLOVER, null, expiresAt));
        // The plain insert: the append's refusal while an expiry is due would refuse this very step.
        LedgerEntry entry = ledger.insertEntry(h, a).orElseThrow(() -> new IllegalStateException(
                "lot " + expiredLotId + " of user " + userId + " rolled over twice"));
        grant(h, a, entry, LotCategory.ROLLOVER, null, expiresAt, null, credits);
    }

    /**
     * Voids what is left of a lot of a user whose row this transaction has locked: a {@code void}
     * entry (ref {@code void/<lot id>}) of its remaining credits, and the lot closed.
     *
     * @return the remaining credits voided, or empty when the lot was already expired or voided
     */
    Optional<Long> voidLot(Handle h, UUID userId, long lotId, Instant now) {
        Optional<long[]> lot = Jdbc.first(h, "SELECT remaining, CASE WHEN status IN ('active', 'depleted') THEN 1"
                        + " ELSE 0 END FROM credit_lots WHERE user_id = ? AND id = ?",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, userId, lotId);
        if (lot.isEmpty() || lot.get()[1] == 0) {
            return Optional.empty();
        }
        long remaining = lot.get()[0];
        if (remaining > 0) {
            ledger.appendInHandle(h, new LedgerAppend(userId, -remaining, LedgerReason.VOID,
                    LedgerRef.lotVoid(Long.toString(lotId)), null, null, now, new LotTerms.FromLot(lotId)));
        }
        Jdbc.update(h, "UPDATE credit_lot_rows SET status = 'voided' WHERE user_id = ? AND id = ?", userId, lotId);
        return Optional.of(remaining);
    }
}
