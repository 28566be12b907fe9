package dev.creditline.application.port.out;

import dev.creditline.domain.lot.Lot;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The lots of users (tables {@code credit_lots}, {@code lot_allocations}, {@code users.credits_debt}).
 * The writing methods run in the caller's transaction and take the user's row lock first, the
 * same lock every ledger append holds (docs/lots.md).
 */
public interface LotRepository {

    /**
     * Locks the user's row and applies every lot expiry due at {@code now} (docs/lots.md).
     *
     * @return the number of lots closed, or empty for an unknown user
     */
    Optional<Integer> expireDue(UUID userId, Instant now);

    /**
     * Like {@link #expireDue} for the sweeper: skips a user whose row another transaction holds
     * ({@code FOR UPDATE SKIP LOCKED}) or who has nothing due any more.
     *
     * @return the number of lots closed (0 when skipped)
     */
    int expireDueSkipLocked(UUID userId, Instant now);

    /** Up to {@code max} users with a lot whose expiry is at or before {@code now}. */
    List<UUID> usersWithDueLots(Instant now, int max);

    /** The user's lots that count in the balance, in burn order. */
    List<Lot> activeLots(UUID userId);

    /** Every lot of the user, newest first, at most {@code limit}. */
    List<Lot> lots(UUID userId, int limit);

    /** The user's debt in credits, or empty for an unknown user. */
    Optional<Long> debt(UUID userId);

    /** The owner of a lot, or empty when there is no such lot. */
    Optional<UUID> ownerOf(long lotId);

    /**
     * Locks the user's row and voids what is left of the lot (reason {@code void}, ref
     * {@code void/<lot id>}); the lot must be the user's.
     *
     * @return the credits voided (0 for a lot without credits left), or empty when the lot was
     *         already expired or voided or is not the user's
     */
    Optional<Long> voidLot(UUID userId, long lotId, Instant now);

    /** The lot made by the user's grant entry with this ref, if any. */
    Optional<Lot> lotOfGrant(UUID userId, dev.creditline.domain.ledger.LedgerRef ref);

    /**
     * The lot each of the user's entries made, by entry id; entries that made no lot (and ids
     * that are not the user's) are absent.
     */
    Map<Long, Lot> lotsOfEntries(UUID userId, Collection<Long> entryIds);

    /** Adds {@code credits} to the user's debt (a clawback the balance could not cover). */
    void addDebt(UUID userId, long credits);
}
