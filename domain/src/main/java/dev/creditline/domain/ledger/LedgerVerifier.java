package dev.creditline.domain.ledger;

import java.util.UUID;

/**
 * Checks the ledger invariant of one user, fed entry by entry in append order so that any
 * number of entries is checked in constant memory (the balance is a
 * cached sum; every {@code balance_after} is the running sum; balances never negative).
 */
public final class LedgerVerifier {

    private final UUID userId;
    private final long cachedBalance;
    private long runningSum;
    private Long firstBadEntry;

    /**
     * @param userId        the user whose entries follow
     * @param cachedBalance the user's stored {@code credits_balance}
     */
    public LedgerVerifier(UUID userId, long cachedBalance) {
        this.userId = userId;
        this.cachedBalance = cachedBalance;
    }

    /**
     * Adds the next entry (in increasing id order).
     *
     * @param entryId      the entry's id
     * @param delta        its signed change in credits
     * @param balanceAfter its recorded running balance in credits
     */
    public void accept(long entryId, long delta, long balanceAfter) {
        runningSum = Math.addExact(runningSum, delta);
        if (firstBadEntry == null && (balanceAfter != runningSum || balanceAfter < 0)) {
            firstBadEntry = entryId;
        }
    }

    /** The verdict over every entry accepted so far. */
    public LedgerVerification result() {
        return new LedgerVerification(userId, cachedBalance, runningSum, firstBadEntry);
    }
}
