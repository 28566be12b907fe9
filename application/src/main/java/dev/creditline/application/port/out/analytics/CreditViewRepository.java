package dev.creditline.application.port.out.analytics;

import dev.creditline.domain.analytics.CreditTotals;
import dev.creditline.domain.ledger.LedgerPage;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Read views of the ledger and holds for the User Service family (analytics.md "Credits views"). */
public interface CreditViewRepository {

    /**
     * Balance, all credits ever granted, grant count and open holds of a user; empty when unknown.
     * Costs the same however long the user's ledger is (maintained totals).
     */
    Optional<CreditTotals> totals(UUID userId);

    /**
     * Ledger entries newest first within {@code [from, to)} (either may be absent).
     *
     * @param grantsOnly only grants ({@link dev.creditline.domain.ledger.LedgerReason#isGrant})
     */
    LedgerPage entries(UUID userId, boolean grantsOnly, Optional<Instant> from, Optional<Instant> to,
                       int limit, long offset);
}
