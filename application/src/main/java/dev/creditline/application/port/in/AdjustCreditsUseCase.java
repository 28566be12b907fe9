package dev.creditline.application.port.in;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.ledger.Credits;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.lot.LotPriority;
import java.time.Instant;
import dev.creditline.domain.ledger.LedgerEntry;
import java.util.Objects;
import java.util.UUID;

/**
 * A manual grant (positive) or deduction (negative) by an admin, reason {@code admin_adjustment},
 * audited with the admin's id and a note (api.md "Admin" {@code POST /api/admin/users/{id}/grants}).
 */
public interface AdjustCreditsUseCase {

    /** Longest note, in characters. */
    int MAX_NOTE_LENGTH = 500;

    /**
     * Appends the adjustment entry with {@code actor_id} and {@code note}.
     *
     * @return the written entry and the balance after it
     * @throws dev.creditline.domain.user.UserNotFoundException for an unknown user
     * @throws dev.creditline.domain.ledger.InsufficientCreditsException when a deduction exceeds the
     *         balance; nothing written
     */
    Adjustment adjust(AdjustCommand command);

    /**
     * @param userId  whose credits move
     * @param amount  signed credits: positive grants, negative deducts; never 0, |amount| ≤ 10^12
     * @param note    why, 1..500 characters after trimming
     * @param actorId the admin making the adjustment
     * @param category  the lot's category for a grant ({@code promotion} or {@code admin}), or null = admin
     * @param priority  the lot's priority 0..100 for a grant, or null for the category's default
     * @param expiresAt when the grant's lot expires (UTC, after now), or null = never
     */
    record AdjustCommand(UUID userId, long amount, String note, UUID actorId, LotCategory category, Integer priority,
                         Instant expiresAt) {

        /** An adjustment whose grant makes an {@code admin} lot that never expires. */
        public AdjustCommand(UUID userId, long amount, String note, UUID actorId) {
            this(userId, amount, note, actorId, null, null, null);
        }

        /**
         * @throws ValidationException field {@code amount} (0 or beyond ±10^12) or {@code note}
         *         (missing, blank or longer than 500 characters)
         */
        public AdjustCommand {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(actorId, "actorId");
            if (amount == 0 || amount < -Credits.MAX_AMOUNT || amount > Credits.MAX_AMOUNT) {
                throw new ValidationException("amount", "must be a non-zero whole number of credits from -"
                        + Credits.MAX_AMOUNT + " to " + Credits.MAX_AMOUNT);
            }
            if (note == null || note.isBlank()) {
                throw new ValidationException("note", "is required");
            }
            note = note.strip();
            if (note.length() > MAX_NOTE_LENGTH) {
                throw new ValidationException("note", "must be at most " + MAX_NOTE_LENGTH + " characters");
            }
            if (priority != null) {
                LotPriority.require("priority", priority);
            }
            if (amount < 0 && (category != null || priority != null || expiresAt != null)) {
                throw new ValidationException(category != null ? "category" : priority != null ? "priority"
                        : "expiresAt", "applies to grants (a positive amount) only");
            }
        }
    }

    /**
     * @param entry   the appended ledger entry
     * @param balance the user's balance in credits after it
     */
    record Adjustment(LedgerEntry entry, long balance) {
    }
}
