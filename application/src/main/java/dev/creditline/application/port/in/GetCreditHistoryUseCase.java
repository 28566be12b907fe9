package dev.creditline.application.port.in;

import dev.creditline.domain.ledger.LedgerPage;
import java.util.UUID;

/** Pages through a user's ledger newest first (api.md GET /api/credits/history). */
public interface GetCreditHistoryUseCase {

    /**
     * @param limit  page size, clamped to 1..100 (0 → 20)
     * @param offset entries to skip, negative → 0
     */
    LedgerPage history(UUID userId, int limit, int offset);
}
