package dev.creditline.application.port.in;

import dev.creditline.domain.ledger.Credits;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import java.util.Objects;
import java.util.UUID;

/** Takes credits from a user, never below zero. */
public interface DebitCreditsUseCase {

    /**
     * @return the written entry (negative delta)
     * @throws dev.creditline.domain.ledger.InsufficientCreditsException when the balance is short (402), nothing written
     * @throws dev.creditline.domain.user.UserNotFoundException           for an unknown user
     */
    LedgerEntry debit(DebitCommand command);

    /**
     * @param amount positive credits to take
     */
    record DebitCommand(UUID userId, long amount, LedgerReason reason, LedgerRef ref) {
        public DebitCommand {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(ref, "ref");
            Credits.requirePositive("amount", amount);
        }
    }
}
