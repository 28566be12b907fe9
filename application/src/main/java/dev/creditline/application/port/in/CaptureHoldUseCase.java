package dev.creditline.application.port.in;

import java.util.UUID;

/**
 * Settles an open hold at the actual cost (api.md {@code POST /holds/{id}/capture}; domain.md
 * "Holds"; lesson 7): refunds {@code held − actual}, or debits the difference as far as the
 * balance allows and reports the shortfall. A hold settles exactly once.
 */
public interface CaptureHoldUseCase {

    /**
     * @param actualCost credits the work cost, 0..{@link dev.creditline.domain.ledger.Credits#MAX_AMOUNT}
     * @throws dev.creditline.domain.ValidationException              field {@code amount} when out of range
     * @throws dev.creditline.domain.hold.HoldNotFoundException       (404)
     * @throws dev.creditline.domain.hold.HoldAlreadySettledException (409)
     * @throws dev.creditline.domain.hold.HoldExpiredException        (410)
     */
    HoldCaptured capture(UUID holdId, long actualCost);

    /**
     * @param holdId     the hold
     * @param captured   part of the hold kept
     * @param released   part of the hold refunded
     * @param extraDebit credits debited beyond the hold
     * @param shortfall  part of the actual cost nobody paid
     * @param balance    balance after, in credits
     */
    record HoldCaptured(UUID holdId, long captured, long released, long extraDebit, long shortfall, long balance) {
    }
}
