package dev.creditline.application.port.in;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.hold.HoldExpiryPolicy;
import dev.creditline.domain.hold.HoldSizing;
import dev.creditline.domain.hold.HoldTtl;
import dev.creditline.domain.pricing.ModelRate;
import dev.creditline.domain.ledger.Credits;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Reserves credits before work (api.md {@code POST /holds}; lesson 10): the
 * balance drops by the amount now (ledger {@code hold}, ref {@code hold/<id>}).
 */
public interface CreateHoldUseCase {

    /**
     * @throws dev.creditline.domain.ledger.InsufficientCreditsException (402) nothing written
     * @throws dev.creditline.domain.user.UserNotFoundException           (404)
     */
    HoldCreated create(CreateHoldCommand command);

    /**
     * Reserves the most a model call can cost under the pricing table ({@link HoldSizing}).
     *
     * @throws dev.creditline.domain.ValidationException                 {@code maxOutputTokens} over the
     *         configured ceiling ({@code HOLD_MAX_OUTPUT_TOKENS}), {@code amount} when the sized amount is over
     *         {@link Credits#MAX_AMOUNT}
     * @throws dev.creditline.domain.ledger.InsufficientCreditsException (402) nothing written
     * @throws dev.creditline.domain.user.UserNotFoundException           (404)
     */
    SizedHoldCreated createSized(SizedHoldCommand command);

    /**
     * @param amount   credits to reserve, 1..{@link Credits#MAX_AMOUNT}
     * @param ttl      how long the hold stays open
     * @param ref      caller's free-text reference, at most 255 characters, or null
     * @param onExpiry what the sweeper does with the rest after the deadline
     */
    record CreateHoldCommand(UUID userId, long amount, HoldTtl ttl, String ref, HoldExpiryPolicy onExpiry) {

        /** A hold released on expiry (the default policy). */
        public CreateHoldCommand(UUID userId, long amount, HoldTtl ttl, String ref) {
            this(userId, amount, ttl, ref, HoldExpiryPolicy.RELEASE);
        }

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
            Objects.requireNonNull(onExpiry, "onExpiry");
        }
    }

    /**
     * @param sizing   the call's model, type and bounds
     * @param ttl      how long the hold stays open
     * @param ref      caller's free-text reference, at most 255 characters, or null
     * @param onExpiry what the sweeper does with the rest after the deadline
     */
    record SizedHoldCommand(UUID userId, HoldSizing sizing, HoldTtl ttl, String ref, HoldExpiryPolicy onExpiry) {
        /**
         * @throws ValidationException fields {@code userId}, {@code ref}
         */
        public SizedHoldCommand {
            if (userId == null) {
                throw new ValidationException("userId", "is required");
            }
            Objects.requireNonNull(sizing, "sizing");
            Objects.requireNonNull(ttl, "ttl");
            Objects.requireNonNull(onExpiry, "onExpiry");
            if (ref != null && ref.length() > 255) {
                throw new ValidationException("ref", "must be at most 255 characters");
            }
        }
    }

    /**
     * @param hold        the reservation made
     * @param rate        the rate the amount was priced at
     * @param defaultRate true when the model is not in the pricing table (priced at the default rate)
     */
    record SizedHoldCreated(HoldCreated hold, ModelRate rate, boolean defaultRate) {
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
