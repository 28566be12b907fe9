package dev.creditline.application.port.in;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.hold.HoldTtl;
import dev.creditline.domain.ledger.Credits;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Reserves credits before work (api.md {@code POST /holds}; domain.md "Holds"; lesson 10): the
 * balance drops by the amount now (ledger {@code hold}, ref {@code hold/<id>}).
 */
public interface CreateHoldUseCase {

    /**
     * @throws dev.creditline.domain.ledger.InsufficientCreditsException (402) nothing written
     * @throws dev.creditline.domain.user.UserNotFoundException           (404)
     */
    HoldCreated create(CreateHoldCommand command);

    /**
     * @param amount credits to reserve, 1..{@link Credits#MAX_AMOUNT}
     * @param ttl    how long the hold stays open
     * @param ref    caller's free-text reference, at most 255 characters, or null
     */
    record CreateHoldCommand(UUID userId, long amount, HoldTtl ttl, String ref) {
        /**
         * Validates the components.
         *
         * @throws ValidationException fields {@code userId}, {@code amount}, {@code ref}
         */
        public CreateHoldCommand {
            if (userId == null) {
                throw new ValidationException("userId", "is required");
            }
            Credits.requirePositive("amount", amount);
            Objects.requireNonNull(ttl, "ttl");
            if (ref != null && ref.length() > 255) {
                throw new ValidationException("ref", "must be at most 255 characters");
            }
        }
    }

    /**
     * @param holdId    the new hold
     * @param amount    reserved credits
     * @param expiresAt deadline (UTC)
     * @param balance   balance after the reservation, in credits
     */
    record HoldCreated(UUID holdId, long amount, Instant expiresAt, long balance) {
    }
}
