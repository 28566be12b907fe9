package dev.creditline.application.port.in;

import java.util.Objects;
import java.util.UUID;

/**
 * Records that a user claimed a guest (guest → user upgrade, recorded
 * once; api.md {@code POST /api/internal/guests/claim}).
 */
public interface ClaimGuestUseCase {

    /**
     * Records the claim. A repeated claim by the same user is accepted and changes nothing.
     *
     * @return whether this call recorded the claim ({@code false}: the same user had claimed it before)
     * @throws dev.creditline.domain.user.UserNotFoundException for an unknown user
     * @throws dev.creditline.domain.guest.GuestAlreadyClaimedException when another user claimed the guest
     */
    boolean claim(ClaimCommand command);

    /**
     * @param guestId the guest id from a verified guest token
     * @param userId  the user taking over the guest
     */
    record ClaimCommand(UUID guestId, UUID userId) {
        public ClaimCommand {
            Objects.requireNonNull(guestId, "guestId");
            Objects.requireNonNull(userId, "userId");
        }
    }
}
