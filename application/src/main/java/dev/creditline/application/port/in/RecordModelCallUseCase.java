package dev.creditline.application.port.in;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.metering.ModelCall;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.Usage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Records a model call and charges it (api.md "Metering" {@code POST /model-calls};
 * lessons 6, 10): the call row and its debit in one transaction. A failed or
 * processing call costs 0 and writes no ledger entry. With a hold, the hold is captured at the
 * call's cost instead of a direct debit.
 */
public interface RecordModelCallUseCase {

    /**
     * @return the stored call's id, credits taken and the balance after
     * @throws dev.creditline.domain.ledger.InsufficientCreditsException (402) direct debit larger than the balance; nothing written
     * @throws dev.creditline.domain.user.UserNotFoundException           (404) unknown user
     * @throws dev.creditline.domain.hold.HoldNotFoundException           (404) unknown hold, or a hold of another user
     * @throws dev.creditline.domain.hold.HoldAlreadySettledException     (409) the hold is settled
     * @throws dev.creditline.domain.hold.HoldExpiredException            (410) the hold's deadline passed
     */
    ModelCallReceipt record(RecordModelCallCommand command);

    /**
     * A model call to record. Text tags are optional (null); {@code callTime} null means now.
     *
     * @param durationMs milliseconds, or null
     * @param holdId     hold to capture at the call's cost, or null for a direct debit
     */
    record RecordModelCallCommand(UUID userId, String model, String providerId, CallType type, CallStatus status,
                                  Usage usage, Long durationMs, String appId, String requestId, String errorReason,
                                  String documentId, String sessionId, String messageId, Instant callTime,
                                  UUID holdId) {

        /**
         * Validates the components.
         *
         * @throws ValidationException naming the field ({@code userId}, {@code model}, {@code type},
         *         {@code status}, {@code usage}, a tag, {@code durationMs})
         */
        public RecordModelCallCommand {
            if (userId == null) {
                throw new ValidationException("userId", "is required");
            }
            ModelCall.requireModel(model);
            if (type == null) {
                throw new ValidationException("type", "is required");
            }
            if (status == null) {
                throw new ValidationException("status", "is required");
            }
            if (usage == null) {
                throw new ValidationException("usage", "is required");
            }
            ModelCall.tag("providerId", providerId, ModelCall.MAX_TAG);
            ModelCall.tag("appId", appId, ModelCall.MAX_TAG);
            ModelCall.tag("requestId", requestId, ModelCall.MAX_TAG);
            ModelCall.tag("errorReason", errorReason, ModelCall.MAX_ERROR);
            ModelCall.tag("documentId", documentId, ModelCall.MAX_TAG);
            ModelCall.tag("sessionId", sessionId, ModelCall.MAX_TAG);
            ModelCall.tag("messageId", messageId, ModelCall.MAX_TAG);
            ModelCall.requireDuration(durationMs);
        }

        /** This command charged through {@code holdId} (capture with a model call body). */
        public RecordModelCallCommand withHold(UUID hold) {
            return new RecordModelCallCommand(userId, model, providerId, type, status, usage, durationMs, appId,
                    requestId, errorReason, documentId, sessionId, messageId, callTime,
                    Objects.requireNonNull(hold, "hold"));
        }
    }

    /**
     * The answer to a recorded call.
     *
     * @param id      the call's id
     * @param credits credits taken for the call (0 for failed/processing calls)
     * @param balance the user's balance after, in credits
     * @param capture the hold settlement when the call was charged through a hold
     */
    record ModelCallReceipt(UUID id, long credits, long balance, Optional<CaptureHoldUseCase.HoldCaptured> capture) {
    }
}
