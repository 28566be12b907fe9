package dev.creditline.domain.lot;

import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One user's lots, balance and debt as a plain in-memory model of docs/lots.md: the executable
 * statement of the rules that the database implementation is checked against, and the replay
 * that turns an existing ledger into lots. Every operation first applies the expiries due at
 * its instant (whoever touches the user applies them), then moves credits.
 */
public final class LotBook {

    /**
     * A ledger entry of the model.
     *
     * @param id          1, 2, 3… in append order
     * @param delta       signed credits
     * @param allocations the lots it took from (positive) or gave back to (negative)
     */
    public record Entry(long id, long delta, LedgerReason reason, List<Allocation> allocations) {
    }

    private final Map<Long, Lot> lots = new LinkedHashMap<>();
    private final Map<Long, Rollover> rollovers = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private long nextLotId = 1;
    private long nextSeq = 1;
    private long balance;
    private long debt;
    private final List<long[]> allocationLog = new ArrayList<>(); // {entryId, originEntryId, lotId, amount, seq}

    /** The balance in credits: the sum of entry deltas, equal to the remaining credits of active lots. */
    public long balance() {
        return balance;
    }

    /** Credits owed after a clawback the balance could not cover (docs/lots.md). */
    public long debt() {
        return debt;
    }

    /** Every lot in creation order. */
    public List<Lot> lots() {
        return List.copyOf(lots.values());
    }

    /** The lot with this id. */
    public Lot lot(long id) {
        return Objects.requireNonNull(lots.get(id), "no lot " + id);
    }

    /** Every entry in append order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * A grant: a new lot, then, while there is debt, a {@code debt_repayment} entry from that lot.
     *
     * @param priority  the lot's priority, or null for the category's default
     * @param expiresAt UTC instant of expiry, or null = never
     * @return the new lot's id
     */
    public long grant(LedgerReason reason, LotCategory category, long amount, Integer priority, Instant expiresAt,
                      Instant at) {
        return grant(reason, category, amount, priority, expiresAt, null, at);
    }

    /**
     * A grant whose lot carries {@code rollover} terms: when it expires, up to
     * {@link Rollover#maxCredits()} of its unused credits move into a {@code rollover} lot
     * (docs/lots.md).
     *
     * @param rollover the terms, or null = nothing rolls over
     * @return the new lot's id
     */
    public long grant(LedgerReason reason, LotCategory category, long amount, Integer priority, Instant expiresAt,
                      Rollover rollover, Instant at) {
        expireDue(at);
        long lotId = newLot(reason, category, amount, priority, expiresAt, at);
        if (rollover != null) {
            rollovers.put(lotId, rollover);
        }
        return lotId;
    }

    /** Creates the lot of a grant entry and repays debt from it (no expiry pass). */
    private long newLot(LedgerReason reason, LotCategory category, long amount, Integer priority, Instant expiresAt,
                        Instant at) {
        long lotId = nextLotId++;
        lots.put(lotId, new Lot(lotId, category, amount, amount,
                priority != null ? priority : category.defaultPriority(), expiresAt, LotStatus.ACTIVE, at));
        balance += amount;
        entries.add(new Entry(entries.size() + 1L, amount, reason, List.of()));
        repayDebt(lotId, amount);
        return lotId;
    }

    private void repayDebt(long lotId, long lotAmount) {
        long repay = Burn.debtRepayment(debt, lotAmount);
        if (repay > 0) {
            debt -= repay;
            record(LedgerReason.DEBT_REPAYMENT, -repay, List.of(new Allocation(lotId, repay)), 0);
        }
    }

    /**
     * A debit (usage, hold, admin deduction) in burn order.
     *
     * @return the entry id
     * @throws InsufficientCreditsException when the balance does not cover it; nothing changes
     *                                      but the expiries that were due
     */
    public long debit(LedgerReason reason, long amount, Instant at) {
        expireDue(at);
        if (amount > balance) {
            throw new InsufficientCreditsException(amount, balance);
        }
        return record(reason, -amount, Burn.debit(lots(), amount, null), 0);
    }

    /**
     * A refund or dispute clawback of {@code amount}: from {@code purchaseLotId} first, then in
     * burn order; what the balance cannot cover becomes debt unless {@code forgive}.
     *
     * @return the entry id, or 0 when nothing could be taken
     */
    public long clawback(long amount, Long purchaseLotId, boolean forgive, Instant at) {
        expireDue(at);
        long take = Math.min(amount, balance);
        if (!forgive) {
            debt += amount - take;
        }
        if (take == 0) {
            return 0;
        }
        return record(LedgerReason.REFUND_CLAWBACK, -take, Burn.debit(lots(), take, purchaseLotId), 0);
    }

    /**
     * Gives {@code amount} credits back to the lots entry {@code originEntryId} took them from,
     * newest allocation first; credits that land in an expired or voided lot (or one whose
     * expiry has come) leave again at once through their own entry. What the entry never took
     * (an entry older than lots) becomes a new {@code admin} lot.
     *
     * @return the entry id
     */
    public long giveBack(LedgerReason reason, long originEntryId, long amount, Instant at) {
        expireDue(at);
        Map<Long, long[]> net = new LinkedHashMap<>();
        for (long[] a : allocationLog) {
            if (a[1] == originEntryId) {
                long[] t = net.computeIfAbsent(a[2], k -> new long[2]);
                t[0] += a[3];
                t[1] = Math.max(t[1], a[4]);
            }
        }
        List<Burn.Taken> taken = net.entrySet().stream()
                .map(e -> new Burn.Taken(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        List<Allocation> back = Burn.giveBack(taken, amount);
        long given = -back.stream().mapToLong(Allocation::amount).sum();
        long entry = record(reason, given, back, originEntryId);
        if (given < amount) {
            // More than the entry took (an entry older than lots): the rest is a lot of its own.
            long lotId = nextLotId++;
            long rest = amount - given;
            lots.put(lotId, new Lot(lotId, LotCategory.ADMIN, rest, rest, LotCategory.ADMIN.defaultPriority(), null,
                    LotStatus.ACTIVE, at));
            balance += rest;
            Entry e = entries.remove(entries.size() - 1);
            entries.add(new Entry(e.id(), amount, reason, e.allocations()));
            repayDebt(lotId, rest);
        }
        for (Allocation a : back) {
            Lot lot = lots.get(a.lotId());
            if (lot.status().isClosed() || lot.isDueAt(at)) {
                LotStatus closing = lot.status() == LotStatus.VOIDED ? LotStatus.VOIDED : LotStatus.EXPIRED;
                record(closing == LotStatus.VOIDED ? LedgerReason.VOID : LedgerReason.EXPIRY, a.amount(),
                        List.of(new Allocation(lot.id(), -a.amount())), 0);
                lots.put(lot.id(), lots.get(lot.id()).closed(closing));
            }
        }
        return entry;
    }

    /** Voids what is left of a lot: a {@code void} entry of its remaining credits (none when 0). */
    public void voidLot(long lotId, Instant at) {
        expireDue(at);
        Lot lot = lot(lotId);
        if (lot.status().isClosed()) {
            return;
        }
        if (lot.remaining() > 0) {
            record(LedgerReason.VOID, -lot.remaining(), List.of(new Allocation(lotId, lot.remaining())), 0);
        }
        lots.put(lotId, lots.get(lotId).closed(LotStatus.VOIDED));
    }

    /**
     * Applies every expiry due at {@code now}, earliest first (ties by lot id): one
     * {@code expiry} entry per lot with credits left; lots without credits just close. A lot
     * with {@link Rollover} terms then grants the credits that roll over as a {@code rollover}
     * lot (entry reason {@code rollover}, default priority, expiring at the terms' instant);
     * a rollover lot that is itself already due expires in the same pass, and never rolls over.
     *
     * @return the number of lots closed
     */
    public int expireDue(Instant now) {
        int closed = 0;
        while (true) {
            List<Lot> due = lots.values().stream()
                    .filter(l -> !l.status().isClosed() && l.isDueAt(now))
                    .sorted(Comparator.comparing(Lot::expiresAt).thenComparingLong(Lot::id)).toList();
            if (due.isEmpty()) {
                return closed;
            }
            for (Lot lot : due) {
                Lot current = lots.get(lot.id());
                Rollover terms = rollovers.get(lot.id());
                long carried = terms == null ? 0 : terms.credits(current);
                if (current.remaining() > 0) {
                    record(LedgerReason.EXPIRY, -current.remaining(),
                            List.of(new Allocation(lot.id(), current.remaining())), 0);
                }
                lots.put(lot.id(), lots.get(lot.id()).closed(LotStatus.EXPIRED));
                if (carried > 0) {
                    newLot(LedgerReason.ROLLOVER, LotCategory.ROLLOVER, carried, null, terms.expiresAt(), now);
                }
                closed++;
            }
        }
    }

    /** Appends an entry and applies its allocations to the lots. */
    private long record(LedgerReason reason, long delta, List<Allocation> allocations, long originEntryId) {
        long entryId = entries.size() + 1L;
        entries.add(new Entry(entryId, delta, reason, List.copyOf(allocations)));
        balance += delta;
        for (Allocation a : allocations) {
            Lot lot = lots.get(a.lotId());
            lots.put(lot.id(), lot.withRemaining(lot.remaining() - a.amount()));
            long seq = nextSeq++;
            allocationLog.add(new long[] {entryId, originEntryId == 0 ? entryId : originEntryId, lot.id(), a.amount(),
                    seq});
        }
        return entryId;
    }
}
