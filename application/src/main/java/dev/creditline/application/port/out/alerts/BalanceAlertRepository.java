package dev.creditline.application.port.out.alerts;

import java.util.Optional;
import java.util.UUID;

/** The alert columns of the user's row (events.md "Balance thresholds"). All join the caller's transaction. */
public interface BalanceAlertRepository {

    /**
     * Stores the marks decided for a change of a user whose row this transaction has locked.
     *
     * @param fired    thresholds fired and not recovered, ascending
     * @param depleted the depletion mark
     */
    void storeMarks(UUID userId, long[] fired, boolean depleted);

    /**
     * Sets the depletion mark if it is not set (one conditional statement).
     *
     * @return the user's balance when this call set the mark; empty when it was set already or
     *         the user does not exist
     */
    Optional<Long> markDepleted(UUID userId);

    /**
     * The user's own thresholds.
     *
     * @return empty when the user does not exist; a holder whose value is null when the user
     *         follows {@code LOW_BALANCE_THRESHOLDS}
     */
    Optional<Thresholds> thresholds(UUID userId);

    /**
     * Sets the user's thresholds (null: back to the defaults) and forgets fired marks of thresholds
     * no longer in effect (they cannot recover any more).
     *
     * @param effective the thresholds now in effect (the defaults when {@code own} is null)
     * @return false when the user does not exist
     */
    boolean setThresholds(UUID userId, long[] own, long[] effective);

    /** A user's own thresholds, or {@code own == null} for the defaults. */
    record Thresholds(long[] own) {
    }
}
