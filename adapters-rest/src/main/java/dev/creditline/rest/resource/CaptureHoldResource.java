package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.CaptureHoldUseCase;
import dev.creditline.application.port.in.CaptureHoldUseCase.HoldCaptured;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.in.PrepareDebitUseCase;
import dev.creditline.application.port.in.RecordModelCallUseCase;
import dev.creditline.application.port.in.RecordModelCallUseCase.ModelCallReceipt;
import dev.creditline.application.port.in.RecordModelCallUseCase.RecordModelCallCommand;
import dev.creditline.domain.ValidationException;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.JsonFields;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.UUID;

/**
 * {@code POST /api/internal/holds/{id}/capture} ({@code X-Service-Secret}; api.md "Metering"): settles a hold
 * at {@code {amount}}, or at the cost of the model call in the body (which is recorded), or — with
 * {@code final: false} and an {@code amount} — takes one partial capture and keeps the hold open
 * ({@link HoldRequests.HoldStepResponse}). Honours {@code Idempotency-Key} (scope {@code hold-capture}; the
 * hash covers the hold id).
 */
@Path("/api/internal")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class CaptureHoldResource {

    /** A settlement; {@code expired: true} only when the hold's deadline had passed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CapturedResponse(UUID holdId, long captured, long released, long extraDebit, long shortfall,
                                   long balance, Boolean expired) {
        static CapturedResponse of(HoldCaptured c) {
            return new CapturedResponse(c.holdId(), c.captured(), c.released(), c.extraDebit(), c.shortfall(),
                    c.balance(), c.expired() ? Boolean.TRUE : null);
        }
    }

    /** A settlement at a model call's cost: the settlement, then the recorded call's id and credits. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelCallCapturedResponse(UUID holdId, long captured, long released, long extraDebit,
                                            long shortfall, long balance, Boolean expired, UUID modelCallId,
                                            long credits) {
        static ModelCallCapturedResponse of(ModelCallReceipt r) {
            HoldCaptured c = r.capture().orElseThrow();
            return new ModelCallCapturedResponse(c.holdId(), c.captured(), c.released(), c.extraDebit(),
                    c.shortfall(), c.balance(), c.expired() ? Boolean.TRUE : null, r.id(), r.credits());
        }
    }

    private final CaptureHoldUseCase captureHold;
    private final RecordModelCallUseCase modelCalls;
    private final PrepareDebitUseCase prepare;
    private final IdempotentRequests requests;

    public CaptureHoldResource(CaptureHoldUseCase captureHold, RecordModelCallUseCase modelCalls,
                               PrepareDebitUseCase prepare, IdempotentRequestUseCase idempotency) {
        this.captureHold = captureHold;
        this.modelCalls = modelCalls;
        this.prepare = prepare;
        this.requests = new IdempotentRequests(idempotency);
    }

    /**
     * → 200 {@link CapturedResponse}, {@link ModelCallCapturedResponse} or {@link HoldRequests.HoldStepResponse};
     * a hold id that is not a UUID: 404 {@code HOLD_NOT_FOUND}. The body is one of two shapes ({@code {amount,
     * final?}} or a model call), which no single record says: it is read as a tree, and a model call body is
     * then bound and validated as {@link ModelCallRequest} ({@link ModelCallRequest#of}).
     */
    @POST
    @Path("holds/{id}/capture")
    public Response capture(@PathParam("id") String id, @HeaderParam(IdempotentRequests.HEADER) String key,
                            JsonNode body) throws IOException {
        UUID holdId = HoldRequests.holdId(id);
        JsonFields f = JsonFields.of(body);
        String path = "POST /api/internal/holds/" + holdId + "/capture";
        boolean modelCallBody = body.has("model") || body.has("usage");
        if (!HoldRequests.isFinal(body)) {
            if (modelCallBody) {
                throw new ValidationException("final", "must be true with a model call body: a model call settles "
                        + "the hold (send partial captures as {amount, final: false})");
            }
            long step = f.optionalLong("amount").orElseThrow(() -> new ValidationException("amount",
                    "is required for a partial capture"));
            return requests.run(key, "hold-capture", path, body, 200,
                    () -> HoldRequests.HoldStepResponse.of(captureHold.captureStep(holdId, step)));
        }
        if (modelCallBody) {
            RecordModelCallCommand command = ModelCallRequest.of(body).command().withHold(holdId);
            return requests.run(key, "hold-capture", path, body, 200, () -> prepare.prepareDebit(command.userId()),
                    () -> ModelCallCapturedResponse.of(modelCalls.record(command)));
        }
        long amount = f.optionalLong("amount").orElseThrow(() -> new ValidationException("amount",
                "is required (or send a model call body)"));
        return requests.run(key, "hold-capture", path, body, 200,
                () -> CapturedResponse.of(captureHold.capture(holdId, amount)));
    }
}
