package dev.creditline.application.port.out;

import dev.creditline.domain.hold.Hold;
import dev.creditline.domain.hold.HoldSettlement;
import dev.creditline.domain.hold.HoldStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Stores holds (table {@code holds}, domain.md "Holds"). Runs in the caller's transaction. */
public interface HoldRepository {

    /**
     * Inserts an open hold.
     *
     * @param ref free-text reference of the caller, at most 255 characters, or null
     */
    void insert(Hold hold, String ref);

    /** Reads a hold and locks its row until the transaction ends ({@code FOR UPDATE}). */
    Optional<Hold> lockById(UUID holdId);

    /**
     * Locks the open hold with the earliest deadline at or before {@code now}, skipping rows
     * locked by others ({@code FOR UPDATE SKIP LOCKED}) so that several sweepers never wait for
     * or settle the same hold.
     */
    Optional<Hold> lockNextExpired(Instant now);

    /**
     * Settles an open hold: {@code UPDATE … WHERE id = :id AND status = 'open'}.
     *
     * @param status terminal state
     * @return whether the hold was open and is now settled (false: someone settled it first)
     */
    boolean settle(UUID holdId, HoldStatus status, HoldSettlement settlement, Instant at);

    /** Sum of the user's open holds in credits ({@code pendingCredit}, domain.md "Holds"). */
    long pendingCredit(UUID userId);
}
