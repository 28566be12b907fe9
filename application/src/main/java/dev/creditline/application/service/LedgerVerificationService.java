package dev.creditline.application.service;

import dev.creditline.application.port.in.VerifyLedgerUseCase;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.domain.ledger.LedgerVerification;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Verifies the ledger invariant for one or all users (CLI {@code verify-ledger}). */
public final class LedgerVerificationService implements VerifyLedgerUseCase {

    private static final int MAX_LISTED = 1000;

    private final LedgerRepository ledger;

    public LedgerVerificationService(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    @Override
    public LedgerReport verify(Optional<UUID> userId) {
        List<LedgerVerification> mismatches = new ArrayList<>();
        long checked = ledger.verify(userId, v -> {
            if (!v.isConsistent() && mismatches.size() < MAX_LISTED) {
                mismatches.add(v);
            }
        });
        return new LedgerReport(checked, List.copyOf(mismatches));
    }
}
