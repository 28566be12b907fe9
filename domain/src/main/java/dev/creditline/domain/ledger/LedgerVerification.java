package dev.creditline.domain.ledger;

import java.util.UUID;

/**
 * The outcome of checking one user's ledger against the cached balance.
 *
 * @param userId        the user checked
 * @param balance       the cached {@code credits_balance} in credits
 * @param ledgerSum     the sum of all the user's entry deltas in credits
 * @param firstBadEntry id of the first entry whose {@code balance_after} is not the running sum,
 *                      or {@code null} when every entry is right
 * @param lotsRemaining the sum of {@code remaining} over the user's active lots in credits
 * @param firstBadLot   id of the first lot whose {@code remaining} is not its amount minus its
 *                      allocations, or that is closed (expired, voided, depleted) with credits
 *                      left; {@code null} when every lot is right (docs/lots.md)
 */
public record LedgerVerification(UUID userId, long balance, long ledgerSum, Long firstBadEntry, long lotsRemaining,
                                 Long firstBadLot) {

    /** A verdict on the entries alone (lots taken as agreeing with the balance). */
    public LedgerVerification(UUID userId, long balance, long ledgerSum, Long firstBadEntry) {
        this(userId, balance, ledgerSum, firstBadEntry, balance, null);
    }

    /** This verdict with the lot checks of the user. */
    public LedgerVerification withLots(long activeRemaining, Long badLot) {
        return new LedgerVerification(userId, balance, ledgerSum, firstBadEntry, activeRemaining, badLot);
    }

    /**
     * True when the balance equals the ledger sum and the remaining credits of the active lots,
     * every running balance is right and every lot agrees with its allocations.
     */
    public boolean isConsistent() {
        return balance == ledgerSum && firstBadEntry == null && lotsRemaining == balance && firstBadLot == null;
    }
}
