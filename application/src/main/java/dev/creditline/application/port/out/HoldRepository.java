package dev.creditline.application.port.out;

import dev.creditline.domain.hold.Hold;
import dev.creditline.domain.hold.HoldSettlement;
import dev.creditline.domain.hold.HoldStatus;
import dev.creditline.domain.hold.HoldStep;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Stores holds (table {@code holds}). Runs in the caller's transaction. */
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
     * Settles an open hold: {@code UPDATE … WHERE id = :id AND status = 'open'}. Stores the settlement's
     * {@code captured} (the hold's total) and {@code released}, and adds its {@code extraDebit} and
     * {@code shortfall} to the running totals of the partial captures.
     *
     * @param status terminal state
     * @return whether the hold was open and is now settled (false: someone settled it first)
     */
    boolean settle(UUID holdId, HoldStatus status, HoldSettlement settlement, Instant at);

    /**
     * Adds a partial capture to an open hold's running totals, only if it is still open and {@code step}
     * is the next number ({@code capture_steps = number − 1}).
     *
     * @return whether it was applied
     */
    boolean recordStep(UUID holdId, HoldStep step);

    /**
     * Moves an open hold's deadline: {@code UPDATE … WHERE status = 'open' AND expires_at > :now}.
     *
     * @return whether it was applied
     */
    boolean extend(UUID holdId, Instant expiresAt, Instant now);

    /** Sum of what the user's open holds still reserve ({@code amount − captured}), in credits ({@code pendingCredit}). */
    long pendingCredit(UUID userId);
}
