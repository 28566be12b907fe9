package dev.creditline.application.port.out;

import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.metering.IdempotentOutcome;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores idempotency keys with the outcome of their request (table {@code idempotency_keys},
 * primary key {@code (scope, key)}). Runs in the caller's transaction. An outcome is read back
 * exactly as stored: the same kind and the same document, character for character.
 */
public interface IdempotencyKeyRepository {

    /**
     * Claims a key inside the effect's transaction ({@code INSERT … ON CONFLICT DO NOTHING}). A
     * concurrent claim of the same key waits on the unique index until the first transaction
     * ends: after its commit this returns false; after its rollback, true.
     *
     * @return true when this transaction now owns the key; false when a committed row exists
     */
    boolean claim(IdempotencyKey key, Instant at);

    /** Stores the outcome of a claimed key (same transaction as {@link #claim}). */
    void complete(IdempotencyKey key, IdempotentOutcome outcome);

    /**
     * Inserts a key together with its (failure) outcome, in a transaction of its own.
     *
     * @return false when the key already exists (then nothing is written)
     */
    boolean insertCompleted(IdempotencyKey key, IdempotentOutcome outcome, Instant at);

    /** The stored row of {@code (scope, key)}, or empty. */
    Optional<StoredKey> find(String scope, String key);

    /**
     * Deletes at most {@code limit} keys created before {@code cutoff}.
     *
     * @return the number deleted
     */
    int deleteCreatedBefore(Instant cutoff, int limit);

    /**
     * A stored key.
     *
     * @param requestHash hash of the request that claimed the key
     * @param outcome     its answer, empty only inside the claiming transaction
     */
    record StoredKey(String requestHash, Optional<IdempotentOutcome> outcome) {
    }
}
