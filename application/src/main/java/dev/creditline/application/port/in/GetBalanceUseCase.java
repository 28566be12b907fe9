package dev.creditline.application.port.in;

import dev.creditline.domain.ledger.LedgerEntry;
import java.util.List;
import java.util.UUID;

/** A user's balance with the newest ledger entries (api.md GET /api/credits/balance). */
public interface GetBalanceUseCase {

    /** @throws dev.creditline.domain.user.UserNotFoundException (401 for a bearer caller) */
    BalanceView balance(UUID userId);

    /**
     * @param balance credits
     * @param recent  the 5 newest entries, newest first
     */
    record BalanceView(long balance, List<LedgerEntry> recent) {
    }
}
