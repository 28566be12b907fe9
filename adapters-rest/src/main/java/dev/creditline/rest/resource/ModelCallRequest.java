package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.RecordModelCallUseCase.RecordModelCallCommand;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.Usage;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.RequestBodies;
import dev.creditline.rest.json.Uuids;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The model call body of {@code POST /api/internal/model-calls} and of a hold capture (api.md "Metering"):
 * {@code {userId, model, type?, status?, usage:{…}, holdId?, providerId?, durationMs?, appId?, requestId?,
 * errorReason?, documentId?, sessionId?, messageId?, callTime?}}. Types are Jackson's (strict: a count is a
 * JSON whole number, a tag a JSON string); presence and UUID form are checked by {@link #command()} with the
 * answers Bean Validation gives other records (the first broken field in component order, a missing value
 * before a malformed one); the ranges of counts, tags and the duration are the domain's ({@link Usage},
 * {@link RecordModelCallCommand}); unknown members are ignored.
 *
 * <p>Why by hand: this body is on every metered request, and Jersey's executable validation of it
 * (metadata lookups, a cascade into {@code usage}, path building) was ~7 % of the service's CPU per model
 * call (JFR, docs/performance.md), for five presence and form checks.
 *
 * @param callTime read by hand in {@link #command()}: an ISO-8601 string or Unix seconds, a union that no
 *                 Jackson type or constraint says
 */
public record ModelCallRequest(
        String userId,
        String model,
        String type,
        String status,
        UsageCounts usage,
        String holdId,
        String providerId,
        Long durationMs,
        String appId,
        String requestId,
        String errorReason,
        String documentId,
        String sessionId,
        String messageId,
        JsonNode callTime) implements JsonRequest {

    /** Earliest accepted {@code callTime}. */
    static final Instant MIN_CALL_TIME = Instant.parse("2000-01-01T00:00:00Z");
    /** Latest accepted {@code callTime}. */
    static final Instant MAX_CALL_TIME = Instant.parse("2100-01-01T00:00:00Z");

    /** {@code usage}: counts, absent or null → 0. */
    public record UsageCounts(Long inputTokens, Long outputTokens, Long cacheCreationInputTokens,
                              Long cacheReadInputTokens, Long numberOfImageGeneration, Long mediaDurationSeconds) {

        Usage usage() {
            return new Usage(zero(inputTokens), zero(outputTokens), zero(cacheCreationInputTokens),
                    zero(cacheReadInputTokens), zero(numberOfImageGeneration), zero(mediaDurationSeconds));
        }

        private static long zero(Long count) {
            return count == null ? 0 : count;
        }
    }

    /** A model call body read as a tree (a capture's body has two shapes), bound and validated like a parameter. */
    static ModelCallRequest of(JsonNode body) throws IOException {
        return RequestBodies.bind(body, ModelCallRequest.class);
    }

    /**
     * The command; the domain checks ranges, naming the field.
     *
     * @throws ValidationException naming {@code userId} or {@code model} (missing or empty), {@code userId} or
     *                             {@code holdId} (not a canonical UUID), {@code usage} (missing), or what the
     *                             domain refuses
     */
    RecordModelCallCommand command() {
        UUID user = requiredUuid("userId", userId);
        if (model == null || model.isEmpty()) {
            throw new ValidationException("model", "is required");
        }
        if (usage == null) {
            throw new ValidationException("usage", "is required");
        }
        UUID hold = holdId == null ? null
                : Uuids.parse(holdId).orElseThrow(() -> new ValidationException("holdId", "must be a UUID"));
        CallType t = CallType.fromWire(type == null ? CallType.CHAT_COMPLETION.wire() : type);
        CallStatus s = CallStatus.fromWire(status == null ? CallStatus.SUCCESS.wire() : status);
        return new RecordModelCallCommand(user, model, providerId, t, s, usage.usage(), durationMs,
                appId, requestId, errorReason, documentId, sessionId, messageId, parsedCallTime(), hold);
    }

    /** A canonical UUID ({@link Uuids}); missing or empty → "is required", anything else → "must be a UUID". */
    private static UUID requiredUuid(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw new ValidationException(field, "is required");
        }
        return Uuids.parse(text).orElseThrow(() -> new ValidationException(field, "must be a UUID"));
    }

    /** {@code callTime}: ISO-8601 string or Unix seconds, 2000..2100; absent → now (null). */
    private Instant parsedCallTime() {
        JsonNode v = callTime;
        if (v == null || v.isNull()) {
            return null;
        }
        Instant t;
        if (v.isTextual()) {
            try {
                t = OffsetDateTime.parse(v.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                throw new ValidationException("callTime", "must be an ISO-8601 date-time or Unix seconds");
            }
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            long s = v.longValue();
            if (s < MIN_CALL_TIME.getEpochSecond() || s > MAX_CALL_TIME.getEpochSecond()) {
                throw new ValidationException("callTime", "must be between 2000-01-01 and 2100-01-01");
            }
            t = Instant.ofEpochSecond(s);
        } else {
            throw new ValidationException("callTime", "must be an ISO-8601 date-time or Unix seconds");
        }
        if (t.isBefore(MIN_CALL_TIME) || t.isAfter(MAX_CALL_TIME)) {
            throw new ValidationException("callTime", "must be between 2000-01-01 and 2100-01-01");
        }
        return t;
    }
}
