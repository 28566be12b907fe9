package dev.creditline.application.port.in;

import java.util.UUID;

/**
 * Gives a whole hold back (api.md {@code POST /holds/{id}/release}): ledger
 * {@code hold_release}, ref {@code hold_settlement/<id>}. A hold settles exactly once.
 */
public interface ReleaseHoldUseCase {

    /**
     * @throws dev.creditline.domain.hold.HoldNotFoundException       (404)
     * @throws dev.creditline.domain.hold.HoldAlreadySettledException (409)
     */
    HoldReleased release(UUID holdId);

    /**
     * @param released credits refunded
     * @param balance  balance after, in credits
     */
    record HoldReleased(UUID holdId, long released, long balance) {
    }
}
