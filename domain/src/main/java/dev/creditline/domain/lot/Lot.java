package dev.creditline.domain.lot;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One lot of credits (docs/lots.md): made by one grant, burnt by debits in
 * {@linkplain #BURN_ORDER burn order}, possibly expiring.
 *
 * @param id        sequence number per database, increasing in creation order
 * @param category  what kind of grant made it
 * @param amount    credits granted, &gt; 0
 * @param remaining credits left, 0..amount
 * @param priority  0..100, lower burns first
 * @param expiresAt UTC instant at which the remaining credits leave the balance, or null = never
 * @param status    life state
 * @param createdAt UTC instant of the granting entry
 */
public record Lot(long id, LotCategory category, long amount, long remaining, int priority, Instant expiresAt,
                  LotStatus status, Instant createdAt) {

    /**
     * The burn order of every debit, hold, clawback and admin deduction: priority ascending,
     * then expiry ascending (never-expiring last), then creation ascending, then id. Total
     * and deterministic, so replaying a ledger gives the same allocations.
     */
    public static final Comparator<Lot> BURN_ORDER = Comparator.comparingInt(Lot::priority)
            .thenComparing(Lot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Lot::createdAt)
            .thenComparingLong(Lot::id);

    public Lot {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (amount <= 0 || remaining < 0 || remaining > amount) {
            throw new IllegalArgumentException("a lot needs 0 <= remaining <= amount and amount > 0");
        }
        LotPriority.check(priority);
    }

    /** Whether the lot's expiry has come at {@code now} (it has an expiry and it is not after now). */
    public boolean isDueAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** This lot with {@code remaining} and the status that goes with it (active or depleted) unless closed. */
    public Lot withRemaining(long newRemaining) {
        LotStatus s = status.isClosed() ? status : (newRemaining == 0 ? LotStatus.DEPLETED : LotStatus.ACTIVE);
        return new Lot(id, category, amount, newRemaining, priority, expiresAt, s, createdAt);
    }

    /** This lot closed (expired or voided) with nothing remaining. */
    public Lot closed(LotStatus closedStatus) {
        if (!closedStatus.isClosed()) {
            throw new IllegalArgumentException("closing needs expired or voided");
        }
        return new Lot(id, category, amount, 0, priority, expiresAt, closedStatus, createdAt);
    }
}
