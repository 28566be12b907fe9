package dev.creditline.application.port.in;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.ledger.Credits;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.lot.LotPriority;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A grant that makes a lot with its own category, priority and expiry (docs/lots.md
 * {@code POST /api/internal/grants}, and admin grants).
 */
public interface GrantLotUseCase {

    /** Longest note, in characters. */
    int MAX_NOTE_LENGTH = 500;

    /**
     * Appends the grant and its lot (repaying debt first) in one transaction.
     *
     * @throws dev.creditline.domain.user.UserNotFoundException for an unknown user
     * @throws ValidationException field {@code expiresAt} when it is not after now
     */
    LotGranted grant(LotGrantCommand command);

    /**
     * @param amount    credits, 1..10^12
     * @param category  {@code promotion} or {@code admin}
     * @param priority  0..100 or null for the category's default
     * @param expiresAt UTC instant after now, or null = never
     * @param ref       a caller's reference (kept on the entry and the lot), or null
     * @param note      free text, at most 500 characters, or null
     * @param actorId   the admin making the grant, or null for the service
     */
    record LotGrantCommand(UUID userId, long amount, LotCategory category, Integer priority, Instant expiresAt,
                           String ref, String note, UUID actorId) {
        /**
         * @throws ValidationException naming {@code amount}, {@code priority}, {@code ref} or {@code note}
         */
        public LotGrantCommand {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(category, "category");
            Credits.requirePositive("amount", amount);
            if (priority != null) {
                LotPriority.require("priority", priority);
            }
            if (ref != null && (ref.isBlank() || ref.length() > 200)) {
                throw new ValidationException("ref", "must be 1 to 200 characters");
            }
            if (note != null && note.length() > MAX_NOTE_LENGTH) {
                throw new ValidationException("note", "must be at most " + MAX_NOTE_LENGTH + " characters");
            }
        }
    }

    /**
     * @param lotId   the new lot
     * @param entryId the grant's ledger entry
     * @param balance the balance in credits after the grant (and any debt repayment)
     * @param ref     the grant entry's ref
     */
    record LotGranted(long lotId, long entryId, long balance, LedgerRef ref) {
    }
}
