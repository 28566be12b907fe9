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
 */
public record LedgerVerification(UUID userId, long balance, long ledgerSum, Long firstBadEntry) {

    /** True when the balance equals the ledger sum and every running balance is right. */
    public boolean isConsistent() {
        return balance == ledgerSum && firstBadEntry == null;
    }
}
