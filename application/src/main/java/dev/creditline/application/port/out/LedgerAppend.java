package dev.creditline.application.port.out;

import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A ledger entry to append.
 *
 * @param delta   signed credits, non-zero
 * @param note    free text for audits (admin adjustments), or null
 * @param actorId the admin who made a manual adjustment, or null
 * @param at      UTC instant of the entry
 */
public record LedgerAppend(UUID userId, long delta, LedgerReason reason, LedgerRef ref, String note,
                           UUID actorId, Instant at) {

    public LedgerAppend {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(at, "at");
        if (delta == 0) {
            throw new IllegalArgumentException("a ledger entry moves credits: delta must not be 0");
        }
    }

    /** An entry without note or actor. */
    public static LedgerAppend of(UUID userId, long delta, LedgerReason reason, LedgerRef ref, Instant at) {
        return new LedgerAppend(userId, delta, reason, ref, null, null, at);
    }
}
