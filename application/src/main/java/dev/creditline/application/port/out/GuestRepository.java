package dev.creditline.application.port.out;

import dev.creditline.domain.guest.GuestAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Guest usage counters and claims (tables {@code guest_usage}, {@code guest_claims}).
 * Runs in the caller's transaction when there is one.
 */
public interface GuestRepository {

    /**
     * Counts one {@code action} for {@code guestId} at {@code now} in one atomic statement, only
     * when fewer than {@code limit} earlier uses lie in the rolling window {@code (now - window, now]}
     * (exact: each use stops counting exactly {@code window} after it; there is no fixed window).
     *
     * @return the uses in the rolling window including this one, or empty when the limit was
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
