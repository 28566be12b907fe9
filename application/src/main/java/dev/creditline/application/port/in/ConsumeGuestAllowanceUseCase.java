package dev.creditline.application.port.in;

import dev.creditline.domain.guest.GuestAction;
import java.util.Objects;
import java.util.UUID;

/**
 * Counts one guest action against the guest's limit for the current window
 * (api.md {@code POST /api/internal/guests/consume}).
 */
public interface ConsumeGuestAllowanceUseCase {

    /**
     * Counts the action if the guest is still below its limit, atomically.
     *
     * @return how many of this action the guest has left in the current window after this one (≥ 0)
     * @throws dev.creditline.domain.guest.GuestLimitReachedException when the limit is reached; nothing counted
     */
    long consume(ConsumeCommand command);

    /**
     * @param guestId the guest id from a verified guest token
     * @param action  what the guest is doing
     */
    record ConsumeCommand(UUID guestId, GuestAction action) {
        public ConsumeCommand {
            Objects.requireNonNull(guestId, "guestId");
            Objects.requireNonNull(action, "action");
        }
    }
}
