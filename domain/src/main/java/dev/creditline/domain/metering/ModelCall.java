package dev.creditline.domain.metering;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.domain.pricing.Usage;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One metered model call as stored in {@code model_calls} (analytics.md "Model calls").
 *
 * @param id          call id (generated)
 * @param userId      the user charged
 * @param model       model name, 1..{@value #MAX_MODEL} characters, e.g. {@code openai/gpt-5.2}
 * @param providerId  provider, or null
 * @param type        call type (pricing formula)
 * @param status      outcome; only {@code success} is charged
 * @param usage       measured usage
 * @param credits     credits actually taken for this call (0 for failed/processing calls), ≥ 0
 * @param durationMs  duration in milliseconds, or null
 * @param appId       host app tag, or null
 * @param requestId   host request tag, or null
 * @param errorReason why a call failed, or null
 * @param documentId  host document tag, or null
 * @param sessionId   host session tag, or null
 * @param messageId   host message tag, or null
 * @param holdId      the hold captured at this call's cost, or null for a direct debit
 * @param callTime    the call's start (UTC)
 * @param createdAt   when it was recorded (UTC)
 */
public record ModelCall(UUID id, UUID userId, String model, String providerId, CallType type, CallStatus status,
                        Usage usage, long credits, Long durationMs, String appId, String requestId,
                        String errorReason, String documentId, String sessionId, String messageId, UUID holdId,
                        Instant callTime, Instant createdAt) {

    /** Longest model name. */
    public static final int MAX_MODEL = 200;
    /** Longest tag (provider, app, request, document, session, message id). */
    public static final int MAX_TAG = 255;
    /** Longest error reason. */
    public static final int MAX_ERROR = 2000;
    /** Largest duration: 10^10 ms (about 115 days). */
    public static final long MAX_DURATION_MS = 10_000_000_000L;

    /**
     * Validates the components.
     *
     * @throws ValidationException naming the field ({@code model}, {@code providerId},
     *         {@code durationMs}, …) for a blank model, an over-long tag or a negative duration;
     *         {@link NullPointerException} for null ids, type, status, usage or times
     */
    public ModelCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(callTime, "callTime");
        Objects.requireNonNull(createdAt, "createdAt");
        requireModel(model);
        tag("providerId", providerId, MAX_TAG);
        tag("appId", appId, MAX_TAG);
        tag("requestId", requestId, MAX_TAG);
        tag("errorReason", errorReason, MAX_ERROR);
        tag("documentId", documentId, MAX_TAG);
        tag("sessionId", sessionId, MAX_TAG);
        tag("messageId", messageId, MAX_TAG);
        requireDuration(durationMs);
        if (credits < 0) {
            throw new IllegalArgumentException("credits must not be negative");
        }
    }

    /** {@code total_usage}: tokens, images or seconds by type ({@link PricingTable#totalUsage}). */
    public long totalUsage() {
        return PricingTable.totalUsage(type, usage);
    }

    /**
     * Checks a model name.
     *
     * @throws ValidationException field {@code model} when null, blank or longer than {@value #MAX_MODEL}
     */
    public static String requireModel(String model) {
        if (model == null || model.isBlank()) {
            throw new ValidationException("model", "is required");
        }
        if (model.length() > MAX_MODEL) {
            throw new ValidationException("model", "must be at most " + MAX_MODEL + " characters");
        }
        return model;
    }

    /**
     * Checks an optional tag's length.
     *
     * @throws ValidationException naming {@code field} when longer than {@code max}
     */
    public static String tag(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
        return value;
    }

    /**
     * Checks an optional duration.
     *
     * @throws ValidationException field {@code durationMs} when outside 0..{@value #MAX_DURATION_MS}
     */
    public static Long requireDuration(Long durationMs) {
        if (durationMs != null && (durationMs < 0 || durationMs > MAX_DURATION_MS)) {
            throw new ValidationException("durationMs", "must be between 0 and " + MAX_DURATION_MS + " milliseconds");
        }
        return durationMs;
    }
}
