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
 * @param lots    how the entry moves credits between lots, or null to follow its reason
 *                ({@link LotTerms})
 */
public record LedgerAppend(UUID userId, long delta, LedgerReason reason, LedgerRef ref, String note,
                           UUID actorId, Instant at, LotTerms lots) {

    /** An entry whose lots follow its reason. */
    public LedgerAppend(UUID userId, long delta, LedgerReason reason, LedgerRef ref, String note, UUID actorId,
                        Instant at) {
        this(userId, delta, reason, ref, note, actorId, at, null);
    }

    public LedgerAppend {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(at, "at");
        if (delta == 0) {
            throw new IllegalArgumentException("a ledger entry moves credits: delta must not be 0");
        }
        if (lots instanceof LotTerms.Grant || lots instanceof LotTerms.GiveBack) {
            if (delta < 0) {
                throw new IllegalArgumentException("grants and give-backs add credits");
            }
        } else if (lots != null && delta > 0) {
            throw new IllegalArgumentException("burns take credits");
        }
    }

    /** This entry with explicit lot terms. */
    public LedgerAppend withLots(LotTerms terms) {
        return new LedgerAppend(userId, delta, reason, ref, note, actorId, at, terms);
    }

    /** An entry without note or actor. */
    public static LedgerAppend of(UUID userId, long delta, LedgerReason reason, LedgerRef ref, Instant at) {
        return new LedgerAppend(userId, delta, reason, ref, null, null, at);
    }
}
