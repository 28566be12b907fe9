package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.CaptureHoldUseCase.HoldStepCaptured;
import dev.creditline.application.port.in.CreateHoldUseCase.SizedHoldCommand;
import dev.creditline.application.port.in.CreateHoldUseCase.SizedHoldCreated;
import dev.creditline.application.port.in.ExtendHoldUseCase.HoldExtended;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.hold.HoldExpiryPolicy;
import dev.creditline.domain.hold.HoldSizing;
import dev.creditline.domain.hold.HoldTtl;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.ModelRate;
import dev.creditline.rest.json.JsonFields;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.Uuids;
import dev.creditline.rest.problem.ApiProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Request and response shapes of the streaming-hold operations (api.md "Metering"; docs/metering.md
 * "Streaming holds"): a hold sized from the request, a partial capture, an extension. Every parse error
 * names the field.
 */
final class HoldRequests {

    /** Members of {@code POST /holds} that size the hold from the call instead of {@code amount}. */
    static final List<String> SIZING_FIELDS = List.of("model", "type", "inputTokens", "cacheCreationInputTokens",
            "cacheReadInputTokens", "maxOutputTokens", "maxImages", "maxMediaSeconds");

    private HoldRequests() {
    }

    /** A hold id from the path; not a UUID → 404 {@code HOLD_NOT_FOUND}. */
    static UUID holdId(String id) {
        return Uuids.parse(id).orElseThrow(() -> new ApiProblem(404, "HOLD_NOT_FOUND", "Not Found",
                "hold " + id + " not found"));
    }

    /** Whether a {@code POST /holds} body sizes the hold from the call (any sizing member present). */
    static boolean isSized(JsonNode body) {
        return body != null && body.isObject() && SIZING_FIELDS.stream().anyMatch(body::has);
    }

    /** {@code onExpiry} of a {@code POST /holds} body: {@code release} (default) or {@code capture}. */
    static HoldExpiryPolicy onExpiry(JsonFields f) {
        return HoldExpiryPolicy.fromWire(f.optionalText("onExpiry").orElse(null));
    }

    /**
     * {@code POST /holds} sized from the call: {@code {userId, model, type?, inputTokens?,
     * cacheCreationInputTokens?, cacheReadInputTokens?, maxOutputTokens | maxImages | maxMediaSeconds,
     * ttlSeconds?, ref?, onExpiry?}}.
     */
    record SizedHoldRequest(UUID userId, HoldSizing sizing, HoldTtl ttl, String ref, HoldExpiryPolicy onExpiry) {

        /**
         * @throws ValidationException {@code amount} when sent with sizing members; the bound of the type
         *         ({@code maxOutputTokens}, {@code maxImages} or {@code maxMediaSeconds}) when missing; a bound of
         *         another type when sent; any member out of range
         */
        static SizedHoldRequest parse(JsonNode body) {
            JsonFields f = JsonFields.of(body);
            if (body.has("amount")) {
                throw new ValidationException("amount", "must not be sent with the sizing fields (model, "
                        + "maxOutputTokens, …): send either an amount or the call to size the hold from");
            }
            UUID userId = f.requireUuid("userId");
            String model = f.requireText("model");
            CallType type = CallType.fromWire(f.optionalText("type").orElse(CallType.CHAT_COMPLETION.wire()));
            String bound = HoldSizing.boundField(type);
            for (String b : List.of("maxOutputTokens", "maxImages", "maxMediaSeconds")) {
                if (!b.equals(bound) && body.has(b) && !body.get(b).isNull()) {
                    throw new ValidationException(b, "does not apply to type " + type.wire() + " (send " + bound + ")");
                }
            }
            long max = f.optionalLong(bound).orElseThrow(() -> new ValidationException(bound,
                    "is required to size a hold for type " + type.wire()));
            HoldSizing sizing = new HoldSizing(model, type, count(f, "inputTokens"), count(f, "cacheCreationInputTokens"),
                    count(f, "cacheReadInputTokens"), bound.equals("maxOutputTokens") ? max : 0,
                    bound.equals("maxImages") ? max : 0, bound.equals("maxMediaSeconds") ? max : 0);
            return new SizedHoldRequest(userId, sizing, HoldTtl.ofSeconds(f.optionalLong("ttlSeconds").orElse(null)),
                    f.optionalText("ref").orElse(null), HoldRequests.onExpiry(f));
        }

        SizedHoldCommand command() {
            return new SizedHoldCommand(userId, sizing, ttl, ref, onExpiry);
        }

        private static long count(JsonFields f, String name) {
            return f.optionalLong(name).orElse(0L);
        }
    }

    /**
     * The pricing a sized hold was reserved at: rates in credits per 1,000 tokens (the output rate is per
     * image for image generation, per second for audio/video), and the usage priced.
     *
     * @param defaultRate true when the model is not in the table and the default rate applied
     */
    record PricingUsed(String model, String type, boolean defaultRate, BigDecimal input, BigDecimal output,
                       BigDecimal cacheWrite, BigDecimal cacheRead, long inputTokens, long cacheCreationInputTokens,
                       long cacheReadInputTokens, long maxOutputTokens, long maxImages, long maxMediaSeconds) {

        static PricingUsed of(HoldSizing s, ModelRate r, boolean defaultRate) {
            return new PricingUsed(s.model(), s.type().wire(), defaultRate, r.input(), r.output(), r.cacheWrite(),
                    r.cacheRead(), s.inputTokens(), s.cacheCreationInputTokens(), s.cacheReadInputTokens(),
                    s.maxOutputTokens(), s.maxImages(), s.maxMediaSeconds());
        }
    }

    /** 201 of a sized {@code POST /holds}: the usual hold answer plus the policy and the pricing used. */
    record SizedHoldResponse(UUID holdId, long amount, Instant expiresAt, long balance, String onExpiry,
                             PricingUsed pricing) {

        static SizedHoldResponse of(SizedHoldRequest request, SizedHoldCreated c) {
            return new SizedHoldResponse(c.hold().holdId(), c.hold().amount(), c.hold().expiresAt(), c.hold().balance(),
                    request.onExpiry().wire(), PricingUsed.of(request.sizing(), c.rate(), c.defaultRate()));
        }
    }

    /**
     * {@code final} of a capture body: absent or null → {@code true} (today's settlement).
     *
     * @throws ValidationException {@code final} when not a boolean
     */
    static boolean isFinal(JsonNode body) {
        JsonNode v = body == null ? null : body.get("final");
        if (v == null || v.isNull()) {
            return true;
        }
        if (!v.isBoolean()) {
            throw new ValidationException("final", "must be true or false");
        }
        return v.booleanValue();
    }

    /** 200 of a partial capture ({@code final: false}). */
    record HoldStepResponse(UUID holdId, @JsonProperty("final") boolean isFinal, int step, long captured, long extraDebit, long shortfall,
                            long capturedTotal, long remaining, long balance) {

        static HoldStepResponse of(HoldStepCaptured c) {
            return new HoldStepResponse(c.holdId(), false, c.step(), c.captured(), c.extraDebit(), c.shortfall(),
                    c.capturedTotal(), c.remaining(), c.balance());
        }
    }

    /** {@code POST /holds/{id}/extend} body: {@code {ttlSeconds?}} (1..86,400, checked by {@link HoldTtl}; default 600). */
    public record ExtendHoldRequest(Long ttlSeconds) implements JsonRequest {

        HoldTtl ttl() {
            return HoldTtl.ofSeconds(ttlSeconds);
        }
    }

    /** 200 of an extension. */
    record HoldExtendedResponse(UUID holdId, Instant expiresAt, long remaining) {

        static HoldExtendedResponse of(HoldExtended e) {
            return new HoldExtendedResponse(e.holdId(), e.expiresAt(), e.remaining());
        }
    }
}
