package dev.creditline.application.port.in;

import dev.creditline.domain.ledger.LedgerVerification;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Checks that every cached balance equals its ledger sum and every running balance is right. */
public interface VerifyLedgerUseCase {

    /** Verifies one user's ledger, or every user's when {@code userId} is empty. */
    LedgerReport verify(Optional<UUID> userId);

    /**
     * @param checked    users checked
     * @param mismatches the users whose ledger is inconsistent (at most 1,000 listed)
     */
    record LedgerReport(long checked, List<LedgerVerification> mismatches) {
        public boolean consistent() {
            return mismatches.isEmpty();
        }
    }
}
