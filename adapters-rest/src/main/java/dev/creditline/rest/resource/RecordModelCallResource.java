package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.in.PrepareDebitUseCase;
import dev.creditline.application.port.in.RecordModelCallUseCase;
import dev.creditline.application.port.in.RecordModelCallUseCase.ModelCallReceipt;
import dev.creditline.application.port.in.RecordModelCallUseCase.RecordModelCallCommand;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.RequestBodies;
import dev.creditline.domain.ValidationException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * {@code POST /api/internal/model-calls} ({@code X-Service-Secret}; api.md "Metering"): records and charges
 * a model call. Honours an optional {@code Idempotency-Key} (scope {@code model-calls}; {@link IdempotentRequests}).
 */
@Path("/api/internal")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class RecordModelCallResource {

    /**
     * 201: the call's id, credits taken and the balance after; with a {@code holdId} also the hold's
     * settlement ({@code expired: true} only when the hold's deadline had passed).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReceiptResponse(UUID id, long credits, long balance, UUID holdId, Long captured, Long released,
                                  Long extraDebit, Long shortfall, Boolean expired) {
        static ReceiptResponse of(ModelCallReceipt r) {
            return r.capture().map(c -> new ReceiptResponse(r.id(), r.credits(), r.balance(), c.holdId(),
                    c.captured(), c.released(), c.extraDebit(), c.shortfall(), c.expired() ? Boolean.TRUE : null))
                    .orElseGet(() -> new ReceiptResponse(r.id(), r.credits(), r.balance(), null, null, null, null,
                            null, null));
        }
    }

    private final RecordModelCallUseCase modelCalls;
    private final PrepareDebitUseCase prepare;
    private final IdempotentRequests requests;

    public RecordModelCallResource(RecordModelCallUseCase modelCalls, PrepareDebitUseCase prepare,
                                   IdempotentRequestUseCase idempotency) {
        this.modelCalls = modelCalls;
        this.prepare = prepare;
        this.requests = new IdempotentRequests(idempotency);
    }

    /**
     * The body ({@link ModelCallRequest}) → 201 {@link ReceiptResponse}; 402 {@code INSUFFICIENT_CREDITS}
     * with {@code required} and {@code balance}, nothing written.
     */
    @POST
    @Path("model-calls")
    public Response recordModelCall(@Context ContainerRequestContext request,
                                    @HeaderParam(IdempotentRequests.HEADER) String key,
                                    ModelCallRequest body) {
        // Checked by hand, not by Jersey's Bean Validation (see ModelCallRequest): same 400 naming body.
        if (body == null) {
            throw new ValidationException("body", JsonRequest.BODY_REQUIRED);
        }
        RecordModelCallCommand command = body.command();
        return requests.run(key, "model-calls", "POST /api/internal/model-calls", RequestBodies.json(request), 201,
                () -> prepare.prepareDebit(command.userId()),
                () -> ReceiptResponse.of(modelCalls.record(command)));
    }
}
