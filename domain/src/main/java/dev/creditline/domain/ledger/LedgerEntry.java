package dev.creditline.domain.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * One append-only row of a user's credit ledger.
 *
 * @param id           sequence number, increasing in append order
 * @param userId       owner
 * @param delta        signed change in credits: positive for a grant, negative for a debit; never 0
 * @param balanceAfter the user's balance in credits right after this entry; never negative
 * @param reason       why the entry exists
 * @param ref          what it refers to
 * @param createdAt    UTC instant of the append
 */
public record LedgerEntry(long id, UUID userId, long delta, long balanceAfter, LedgerReason reason,
                          LedgerRef ref, Instant createdAt) {

    /** Whether this entry added credits (a grant). */
    public boolean isGrant() {
        return delta > 0;
    }
}
