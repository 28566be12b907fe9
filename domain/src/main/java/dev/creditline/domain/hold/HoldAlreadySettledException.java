package dev.creditline.domain.hold;

import dev.creditline.domain.DomainException;

import java.util.UUID;

/**
 * A capture, release or expiry was attempted on a hold that is no longer {@code OPEN}
 * (a hold settles exactly once; lesson 7). Code {@code HOLD_ALREADY_SETTLED}.
 */
public class HoldAlreadySettledException extends DomainException {

    private final UUID holdId;
    private final HoldStatus status;

    /**
     * @param holdId the hold
     * @param status its current (settled) state
     */
    public HoldAlreadySettledException(UUID holdId, HoldStatus status) {
        super("hold " + holdId + " is already " + status.wire());
        this.holdId = holdId;
        this.status = status;
    }

    /** The hold's id. */
    public UUID holdId() {
        return holdId;
    }

    /** The state the hold is already in. */
    public HoldStatus status() {
        return status;
    }

    @Override
    public String code() {
        return "HOLD_ALREADY_SETTLED";
    }
}
