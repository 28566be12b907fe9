package dev.creditline.application.port.in;

import dev.creditline.domain.DomainException;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.metering.IdempotentOutcome;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a mutating request under an idempotency key (lesson 9): the
 * key and its outcome are stored in the same transaction as the effect, so a key is never
 * claimed by work that did not commit.
 */
public interface IdempotentRequestUseCase {

    /**
     * Runs {@code effect} once per key. A retry with the same key and request hash gets the
     * stored outcome (its kind and document); the same key with another hash throws
     * {@link dev.creditline.domain.metering.IdempotencyKeyReusedException} (422). A concurrent
     * retry waits for the first to finish. When the effect throws a {@link DomainException} for
     * which {@code failure} gives an outcome (e.g. insufficient credits), the effect is rolled back and that outcome
     * is stored in a transaction of its own; other exceptions roll back the key too.
     *
     * @param key     the key, or null to just run the effect
     * @param effect  the work, returning its answer; runs inside the key's transaction
     * @param failure the answer to store for a refused request, or empty to not store it
     * @return the outcome and whether it was replayed
     */
    Result execute(IdempotencyKey key, Supplier<IdempotentOutcome> effect,
                   Function<DomainException, Optional<IdempotentOutcome>> failure);

    /**
     * @param outcome  the answer
     * @param replayed true when it is a stored answer of an earlier request
     */
    record Result(IdempotentOutcome outcome, boolean replayed) {
    }
}
