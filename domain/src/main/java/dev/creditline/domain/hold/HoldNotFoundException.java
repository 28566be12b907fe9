package dev.creditline.domain.hold;

import dev.creditline.domain.DomainException;

import java.util.UUID;

/** No hold with this id (for this user). Code {@code HOLD_NOT_FOUND}. */
public class HoldNotFoundException extends DomainException {

    private final UUID holdId;

    /** @param holdId the id that was looked up */
    public HoldNotFoundException(UUID holdId) {
        super("hold " + holdId + " not found");
        this.holdId = holdId;
    }

    /** The id that was looked up. */
    public UUID holdId() {
        return holdId;
    }

    @Override
    public String code() {
        return "HOLD_NOT_FOUND";
    }
}
