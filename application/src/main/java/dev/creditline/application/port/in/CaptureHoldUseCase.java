package dev.creditline.application.port.in;

import java.util.UUID;

/**
 * Settles an open hold at the actual cost (api.md {@code POST /holds/{id}/capture};
 * lesson 7): refunds {@code held − actual}, or debits the difference as far as the
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
     * One partial capture while the stream runs ({@code final: false}): takes {@code amount} from what the
     * hold still reserves, debits any part above it as far as the balance goes (shortfall reported); the
     * hold stays open. One ledger entry {@code hold_capture} (ref {@code hold_capture/<hold>:<n>}) with the
     * return of the reserved part ({@code hold_capture_return/<hold>:<n>}), so the balance moves only by
     * the part above the reserve.
     *
     * @param amount credits, 1..{@link dev.creditline.domain.ledger.Credits#MAX_AMOUNT}
     * @throws dev.creditline.domain.ValidationException              field {@code amount} when out of range
     * @throws dev.creditline.domain.hold.HoldNotFoundException       (404)
     * @throws dev.creditline.domain.hold.HoldAlreadySettledException (409)
     * @throws dev.creditline.domain.hold.HoldExpiredException        (410)
     */
    HoldStepCaptured captureStep(UUID holdId, long amount);

    /**
     * @param holdId     the hold
     * @param captured   part of the hold kept (partial captures included)
     * @param released   part of the hold refunded by this settlement
     * @param extraDebit credits debited beyond the hold by this settlement
     * @param shortfall  part of the cost nobody paid
     * @param balance    balance after, in credits
     * @param charged    everything the user paid through this hold, in credits
     * @param expired    true when the hold's deadline had passed: its expiry policy settled it and a model
     *                   call's cost above what the hold took was debited directly
     */
    record HoldCaptured(UUID holdId, long captured, long released, long extraDebit, long shortfall, long balance,
                        long charged, boolean expired) {

        /** A settlement in time, where the charge is {@code captured + extraDebit}. */
        public HoldCaptured(UUID holdId, long captured, long released, long extraDebit, long shortfall, long balance) {
            this(holdId, captured, released, extraDebit, shortfall, balance, captured + extraDebit, false);
        }
    }

    /**
     * @param holdId        the hold
     * @param step          1 for the first partial capture, then 2, 3, …
     * @param captured      taken from the reserve by this step
     * @param extraDebit    debited beyond the reserve by this step
     * @param shortfall     part of this step nobody paid
     * @param capturedTotal kept from the reserve so far
     * @param remaining     what the hold still reserves
     * @param balance       balance after, in credits
     */
    record HoldStepCaptured(UUID holdId, int step, long captured, long extraDebit, long shortfall,
                            long capturedTotal, long remaining, long balance) {
    }
}
