package dev.creditline.application.port.in;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.user.UserNotFoundException;
import java.util.List;
import java.util.UUID;

/** A user's low-balance thresholds (events.md "Balance thresholds"). */
public interface BalanceAlertsUseCase {

    /**
     * The thresholds in effect for the user.
     *
     * @throws UserNotFoundException when the user does not exist
     */
    AlertSettings alerts(UUID userId);

    /**
     * Replaces the user's thresholds (credits; {@code []} switches the alerts off). A threshold
     * that fired and is no longer listed is forgotten (it will not recover).
     *
     * @throws ValidationException field {@code thresholds} / {@code thresholds[i]}
     * @throws UserNotFoundException when the user does not exist
     */
    AlertSettings setAlerts(UUID userId, List<Long> thresholds);

    /**
     * @param thresholds ascending credits
     * @param defaults   whether they are {@code LOW_BALANCE_THRESHOLDS} (the user set none)
     */
    record AlertSettings(List<Long> thresholds, boolean defaults) {
    }
}
