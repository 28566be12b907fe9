package dev.creditline.application.port.out;

import dev.creditline.domain.guest.GuestAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Guest usage counters and claims (tables {@code guest_usage}, {@code guest_claims};
 * domain.md "Guests"). Runs in the caller's transaction when there is one.
 */
public interface GuestRepository {

    /**
     * Counts one {@code action} for {@code guestId} in one atomic statement, only when the guest
     * is below {@code limit} in its current window. A window that started {@code window} or more
     * before {@code now} is over: the count restarts at 1 with the window starting at {@code now}.
     *
     * @return the count in the current window including this one, or empty when the limit was
     *         reached (nothing counted)
     */
    OptionalLong consume(UUID guestId, GuestAction action, int limit, Instant now, Duration window);

    /**
     * Records {@code userId} as the claimant of {@code guestId} unless the guest was claimed
     * before (unique on the guest id).
     *
     * @return the claim's user: {@code userId} when recorded now, the earlier claimant otherwise;
     *         empty when the user does not exist and the guest is unclaimed
     */
    Optional<ClaimRecord> claim(UUID guestId, UUID userId, Instant now);

    /**
     * A recorded claim.
     *
     * @param userId    the claimant
     * @param createdNow whether this call wrote it
     */
    record ClaimRecord(UUID userId, boolean createdNow) {
    }
}
