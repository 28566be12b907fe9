package dev.creditline.application.port.in;

import dev.creditline.domain.ledger.Credits;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Adds credits to a user; grants with an idempotent ref happen at most once. */
public interface GrantCreditsUseCase {

    /**
     * @return the written entry, or empty when the idempotent ref was already granted
     * @throws dev.creditline.domain.user.UserNotFoundException for an unknown user
     */
    Optional<LedgerEntry> grant(GrantCommand command);

    /**
     * @param amount positive credits to add
     */
    record GrantCommand(UUID userId, long amount, LedgerReason reason, LedgerRef ref) {
        public GrantCommand {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(ref, "ref");
            Credits.requirePositive("amount", amount);
        }
    }
}
