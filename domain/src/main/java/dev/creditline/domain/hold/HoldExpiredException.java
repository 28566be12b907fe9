package dev.creditline.domain.hold;

import dev.creditline.domain.DomainException;

import java.time.Instant;
import java.util.UUID;

/**
 * Capture of an open hold after its deadline (lesson 11: expired holds
 * are released by the sweeper). Code {@code HOLD_EXPIRED}.
 */
public class HoldExpiredException extends DomainException {

    private final UUID holdId;
    private final Instant expiresAt;

    /**
     * @param holdId    the hold
     * @param expiresAt its deadline (UTC)
     */
    public HoldExpiredException(UUID holdId, Instant expiresAt) {
        super("hold " + holdId + " expired at " + expiresAt);
        this.holdId = holdId;
        this.expiresAt = expiresAt;
    }

    /** The hold's id. */
    public UUID holdId() {
        return holdId;
    }

    /** The deadline that passed. */
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public String code() {
        return "HOLD_EXPIRED";
    }
}
