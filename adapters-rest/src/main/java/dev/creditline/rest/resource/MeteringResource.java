package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditline.application.port.in.CaptureHoldUseCase;
import dev.creditline.application.port.in.CaptureHoldUseCase.HoldCaptured;
import dev.creditline.application.port.in.CheckCreditsUseCase;
import dev.creditline.application.port.in.CreateHoldUseCase;
import dev.creditline.application.port.in.CreateHoldUseCase.CreateHoldCommand;
import dev.creditline.application.port.in.FreeAllowanceUseCase;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.in.RecordModelCallUseCase;
import dev.creditline.application.port.in.RecordModelCallUseCase.ModelCallReceipt;
import dev.creditline.application.port.in.RecordModelCallUseCase.RecordModelCallCommand;
import dev.creditline.application.port.in.ReleaseHoldUseCase;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.hold.HoldTtl;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.Usage;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.JsonFields;
import dev.creditline.rest.json.Uuids;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The metering API for the host app's backend ({@code /api/internal}, {@code X-Service-Secret};
 * api.md "Metering"). Every mutating endpoint honours an optional {@code Idempotency-Key}
 * header: a retry with the same key and request gets the first answer again (header
 * {@code Idempotent-Replayed: true}); the same key with another request is 422
 * {@code IDEMPOTENCY_KEY_REUSED}. Keys are scoped per endpoint: {@code model-calls},
 * {@code holds}, {@code hold-capture}, {@code hold-release}; the request hash covers the method,
 * the path (so the hold id) and the body with its members sorted.
 */
@Path("/api/internal")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class MeteringResource {

    /** Response header set on an answer replayed from a stored idempotency key. */
    public static final String REPLAYED_HEADER = IdempotentRequests.REPLAYED_HEADER;

    /** Earliest accepted {@code callTime}. */
    static final Instant MIN_CALL_TIME = Instant.parse("2000-01-01T00:00:00Z");
    /** Latest accepted {@code callTime}. */
    static final Instant MAX_CALL_TIME = Instant.parse("2100-01-01T00:00:00Z");


    private final RecordModelCallUseCase modelCalls;
    private final CreateHoldUseCase createHold;
    private final CaptureHoldUseCase captureHold;
    private final ReleaseHoldUseCase releaseHold;
    private final CheckCreditsUseCase creditCheck;
    private final FreeAllowanceUseCase allowance;
    private final IdempotentRequests requests;

    public MeteringResource(RecordModelCallUseCase modelCalls, CreateHoldUseCase createHold,
                            CaptureHoldUseCase captureHold, ReleaseHoldUseCase releaseHold,
                            CheckCreditsUseCase creditCheck, FreeAllowanceUseCase allowance,
                            IdempotentRequestUseCase idempotency) {
        this.modelCalls = modelCalls;
        this.createHold = createHold;
        this.captureHold = captureHold;
        this.releaseHold = releaseHold;
        this.creditCheck = creditCheck;
        this.allowance = allowance;
        this.requests = new IdempotentRequests(idempotency);
    }

    /**
     * Records and charges a model call → 201 {@code {id, credits, balance}} (with a hold also
     * {@code holdId, captured, released, extraDebit, shortfall}); 402 {@code INSUFFICIENT_CREDITS}
     * with {@code required} and {@code balance}, nothing written.
     */
    @POST
    @Path("model-calls")
    public Response recordModelCall(@HeaderParam(IdempotencyKey.HEADER) String key, JsonNode body) {
        RecordModelCallCommand command = modelCall(JsonFields.of(body), (ObjectNode) body);
        refreshBeforeKeyedTransaction(key, command.userId());
        return run(key, "model-calls", "POST /api/internal/model-calls", body, 201,
                () -> receipt(modelCalls.record(command)));
    }

    /** {@code {allowed, balance, required}}; applies the lazy free allowance first. */
    @GET
    @Path("users/{id}/credit-check")
    public Map<String, Object> creditCheck(@PathParam("id") String id, @QueryParam("amount") String amount) {
        UUID userId = Uuids.parse(id).orElseThrow(() -> new ApiProblem(404, "USER_NOT_FOUND", "Not Found",
                "No such user."));
        if (amount == null || !amount.matches("\\d{1,13}")) {
            throw new ValidationException("amount", "must be a whole number of credits from 0 to 1000000000000");
        }
        CheckCreditsUseCase.CreditCheck c = creditCheck.check(userId, Long.parseLong(amount));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allowed", c.allowed());
        m.put("balance", c.balance());
        m.put("required", c.required());
        return m;
    }

    /**
     * Reserves credits → 201 {@code {holdId, amount, expiresAt, balance}} (plus {@code onExpiry} when sent),
     * or 402. A body with the call's model and bounds instead of {@code amount} reserves the most the call
     * can cost ({@link HoldRequests.SizedHoldRequest}) and also answers {@code onExpiry} and {@code pricing}.
     */
    @POST
    @Path("holds")
    public Response createHold(@HeaderParam(IdempotencyKey.HEADER) String key, JsonNode body) {
        if (HoldRequests.isSized(body)) {
            HoldRequests.SizedHoldRequest request = HoldRequests.SizedHoldRequest.parse(body);
            refreshBeforeKeyedTransaction(key, request.userId());
            return run(key, "holds", "POST /api/internal/holds", body, 201,
                    () -> HoldRequests.SizedHoldResponse.of(request, createHold.createSized(request.command())));
        }
        JsonFields f = JsonFields.of(body);
        UUID userId = f.requireUuid("userId");
        long amount = f.optionalLong("amount").orElseThrow(() -> new ValidationException("amount", "is required"));
        HoldTtl ttl = HoldTtl.ofSeconds(f.optionalLong("ttlSeconds").orElse(null));
        boolean policySent = body.hasNonNull("onExpiry");
        CreateHoldCommand command = new CreateHoldCommand(userId, amount, ttl, f.optionalText("ref").orElse(null),
                HoldRequests.onExpiry(f));
        refreshBeforeKeyedTransaction(key, userId);
        return run(key, "holds", "POST /api/internal/holds", body, 201, () -> {
            CreateHoldUseCase.HoldCreated h = createHold.create(command);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("holdId", h.holdId());
            m.put("amount", h.amount());
            m.put("expiresAt", h.expiresAt());
            m.put("balance", h.balance());
            if (policySent) {
                m.put("onExpiry", command.onExpiry().wire());
            }
            return m;
        });
    }

    /**
     * Settles a hold at {@code {amount}}, or at the cost of the model call in the body (which is
     * recorded) → {@code {holdId, captured, released, extraDebit, shortfall, balance}} (plus
     * {@code modelCallId} and {@code credits} for a model call body, and {@code expired: true} when the
     * hold's deadline had passed and the call was debited directly). With {@code final: false} and an
     * {@code amount} it is one partial capture and the hold stays open
     * ({@link HoldRequests.HoldStepResponse}).
     */
    @POST
    @Path("holds/{id}/capture")
    public Response capture(@PathParam("id") String id, @HeaderParam(IdempotencyKey.HEADER) String key,
                            JsonNode body) {
        UUID holdId = holdId(id);
        JsonFields f = JsonFields.of(body);
        ObjectNode o = (ObjectNode) body;
        String path = "POST /api/internal/holds/" + holdId + "/capture";
        boolean last = HoldRequests.isFinal(o);
        if (!last) {
            if (o.has("model") || o.has("usage")) {
                throw new ValidationException("final", "must be true with a model call body: a model call settles "
                        + "the hold (send partial captures as {amount, final: false})");
            }
            long step = f.optionalLong("amount").orElseThrow(() -> new ValidationException("amount",
                    "is required for a partial capture"));
            return run(key, "hold-capture", path, body, 200,
                    () -> HoldRequests.HoldStepResponse.of(captureHold.captureStep(holdId, step)));
        }
        if (o.has("model") || o.has("usage")) {
            RecordModelCallCommand command = modelCall(f, o).withHold(holdId);
            refreshBeforeKeyedTransaction(key, command.userId());
            return run(key, "hold-capture", path, body, 200, () -> {
                ModelCallReceipt r = modelCalls.record(command);
                Map<String, Object> m = captured(r.capture().orElseThrow());
                m.put("modelCallId", r.id());
                m.put("credits", r.credits());
                return m;
            });
        }
        long amount = f.optionalLong("amount").orElseThrow(() -> new ValidationException("amount",
                "is required (or send a model call body)"));
        return run(key, "hold-capture", path, body, 200, () -> captured(captureHold.capture(holdId, amount)));
    }

    /** Gives the whole hold back → {@code {holdId, released, balance}}. */
    @POST
    @Path("holds/{id}/release")
    public Response release(@PathParam("id") String id, @HeaderParam(IdempotencyKey.HEADER) String key) {
        UUID holdId = holdId(id);
        return run(key, "hold-release", "POST /api/internal/holds/" + holdId + "/release", null, 200, () -> {
            ReleaseHoldUseCase.HoldReleased r = releaseHold.release(holdId);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("holdId", r.holdId());
            m.put("released", r.released());
            m.put("balance", r.balance());
            return m;
        });
    }

    /**
     * Applies the lazy free allowance in its own transaction before an effect that runs inside an
     * idempotency key's transaction (where the use case's own refresh would join that
     * transaction). Without a key the use case applies it itself, before its transaction, so a
     * second read of the user here would be redundant.
     */
    private void refreshBeforeKeyedTransaction(String key, UUID userId) {
        if (key != null) {
            allowance.refresh(userId);
        }
    }

    private Response run(String headerKey, String scope, String requestLine, JsonNode body, int status,
                         Supplier<?> effect) {
        return requests.run(headerKey, scope, requestLine, body, status, effect);
    }

    private static Map<String, Object> receipt(ModelCallReceipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("credits", r.credits());
        m.put("balance", r.balance());
        r.capture().ifPresent(c -> {
            m.put("holdId", c.holdId());
            m.put("captured", c.captured());
            m.put("released", c.released());
            m.put("extraDebit", c.extraDebit());
            m.put("shortfall", c.shortfall());
            if (c.expired()) {
                m.put("expired", true);
            }
        });
        return m;
    }

    private static Map<String, Object> captured(HoldCaptured c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("holdId", c.holdId());
        m.put("captured", c.captured());
        m.put("released", c.released());
        m.put("extraDebit", c.extraDebit());
        m.put("shortfall", c.shortfall());
        m.put("balance", c.balance());
        if (c.expired()) {
            m.put("expired", true);
        }
        return m;
    }

    /** Parses a model call body (api.md "Metering"), naming the field in every error. */
    static RecordModelCallCommand modelCall(JsonFields f, ObjectNode body) {
        UUID userId = f.requireUuid("userId");
        String model = f.requireText("model");
        CallType type = CallType.fromWire(f.optionalText("type").orElse(CallType.CHAT_COMPLETION.wire()));
        CallStatus status = CallStatus.fromWire(f.optionalText("status").orElse(CallStatus.SUCCESS.wire()));
        JsonNode u = body.get("usage");
        if (u == null || u.isNull()) {
            throw new ValidationException("usage", "is required");
        }
        if (!u.isObject()) {
            throw new ValidationException("usage", "must be an object");
        }
        Usage usage = new Usage(count(u, "inputTokens"), count(u, "outputTokens"),
                count(u, "cacheCreationInputTokens"), count(u, "cacheReadInputTokens"),
                count(u, "numberOfImageGeneration"), count(u, "mediaDurationSeconds"));
        Optional<String> holdId = f.optionalText("holdId");
        UUID hold = holdId.map(h -> Uuids.parse(h).orElseThrow(() -> new ValidationException("holdId", "must be a UUID")))
                .orElse(null);
        return new RecordModelCallCommand(userId, model, f.optionalText("providerId").orElse(null), type, status, usage,
                f.optionalLong("durationMs").orElse(null), f.optionalText("appId").orElse(null),
                f.optionalText("requestId").orElse(null), f.optionalText("errorReason").orElse(null),
                f.optionalText("documentId").orElse(null), f.optionalText("sessionId").orElse(null),
                f.optionalText("messageId").orElse(null), callTime(body.get("callTime")), hold);
    }

    /** A usage count: absent or null → 0; otherwise a whole number in range (checked by {@link Usage}). */
    private static long count(JsonNode usage, String name) {
        JsonNode v = usage.get(name);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ValidationException("usage." + name, "must be a whole number between 0 and " + Usage.MAX);
        }
        return v.longValue();
    }

    /** {@code callTime}: ISO-8601 string or Unix seconds, 2000..2100; absent → now (null). */
    private static Instant callTime(JsonNode v) {
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

    /** A hold id from the path; not a UUID → 404 {@code HOLD_NOT_FOUND}. */
    static UUID holdId(String id) {
        return Uuids.parse(id).orElseThrow(() -> new ApiProblem(404, "HOLD_NOT_FOUND", "Not Found",
                "hold " + id + " not found"));
    }

}
