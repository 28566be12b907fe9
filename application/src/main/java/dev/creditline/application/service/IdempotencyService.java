package dev.creditline.application.service;

import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.out.IdempotencyKeyRepository;
import dev.creditline.application.port.out.IdempotencyKeyRepository.StoredKey;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.domain.DomainException;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.metering.IdempotencyKeyInUseException;
import dev.creditline.domain.metering.IdempotencyKeyReusedException;
import dev.creditline.domain.metering.IdempotentOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Idempotency keys (lesson 9).
 *
 * <p>The key row is inserted at the start of the effect's transaction and its outcome written
 * at the end, so the key commits exactly when the effect does. A concurrent request with the
 * same key blocks on the primary key until the first transaction ends, then reads the stored
 * outcome (commit) or claims the key itself (rollback). A refused request (e.g. insufficient credits, nothing
 * written) rolls back and stores its outcome in a second transaction; if another request
 * stored one meanwhile, that one is answered, so every request with a key gets the same answer.
 * Keys are kept for {@link #retention()} and then purged by {@link #purge(int)}.
 */
public final class IdempotencyService implements IdempotentRequestUseCase {

    private final TransactionPort tx;
    private final IdempotencyKeyRepository keys;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param retention how long keys are kept, at least 24 h ({@code IDEMPOTENCY_KEY_RETENTION_HOURS})
     */
    public IdempotencyService(TransactionPort tx, IdempotencyKeyRepository keys, Clock clock, Duration retention) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("idempotency keys must be kept at least 24 hours");
        }
        this.tx = tx;
        this.keys = keys;
        this.clock = clock;
        this.retention = retention;
    }

    /** How long a key is kept after its first use. */
    public Duration retention() {
        return retention;
    }

    @Override
    public Result execute(IdempotencyKey key, Supplier<IdempotentOutcome> effect,
                          Function<DomainException, Optional<IdempotentOutcome>> failure) {
        if (key == null) {
            return new Result(effect.get(), false);
        }
        try {
            return tx.inTransaction(() -> {
                if (!keys.claim(key, now())) {
                    return replay(key);
                }
                IdempotentOutcome outcome = effect.get();
                keys.complete(key, outcome);
                return new Result(outcome, false);
            });
        } catch (IdempotencyKeyReusedException | IdempotencyKeyInUseException e) {
            throw e;
        } catch (DomainException e) {
            Optional<IdempotentOutcome> refused = failure.apply(e);
            if (refused.isEmpty()) {
                throw e;
            }
            return tx.inTransaction(() -> keys.insertCompleted(key, refused.get(), now())
                    ? new Result(refused.get(), false)
                    : replay(key));
        }
    }

    /**
     * Deletes up to {@code limit} keys older than the retention.
     *
     * @return the number deleted
     */
    public int purge(int limit) {
        return tx.inTransaction(() -> keys.deleteCreatedBefore(now().minus(retention), limit));
    }

    private Result replay(IdempotencyKey key) {
        StoredKey stored = keys.find(key.scope(), key.key()).orElseThrow(() -> new IdempotencyKeyInUseException(key.key()));
        if (!stored.requestHash().equals(key.requestHash())) {
            throw new IdempotencyKeyReusedException(key.key());
        }
        return new Result(stored.outcome().orElseThrow(() -> new IdempotencyKeyInUseException(key.key())), true);
    }

    private Instant now() {
        return clock.instant();
    }
}
