package dev.creditline.rest.resource;

import dev.creditline.application.port.in.ExtendHoldUseCase;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.domain.hold.HoldTtl;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.RequestBodies;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import dev.creditline.rest.resource.HoldRequests.ExtendHoldRequest;
import dev.creditline.rest.resource.HoldRequests.HoldExtendedResponse;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * {@code POST /api/internal/holds/{id}/extend {ttlSeconds}}: the heartbeat of a streamed call (api.md
 * "Metering"). Moves an open hold's deadline to now + {@code ttlSeconds}, at most 24 h after its creation,
 * never earlier than it was → 200 {@code {holdId, expiresAt, remaining}}; 404 unknown hold, 409 captured or
 * released, 410 past its deadline. Honours {@code Idempotency-Key} (scope {@code hold-extend}).
 */
@Path("/api/internal/holds/{id}/extend")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class HoldExtendResource {

    private final ExtendHoldUseCase extend;
    private final IdempotentRequests requests;

    public HoldExtendResource(ExtendHoldUseCase extend, IdempotentRequestUseCase idempotency) {
        this.extend = extend;
        this.requests = new IdempotentRequests(idempotency);
    }

    /** Extends the hold; see the class comment. */
    @POST
    public Response extend(@Context ContainerRequestContext request, @PathParam("id") String id,
                           @HeaderParam(IdempotentRequests.HEADER) String key,
                           @NotNull(message = JsonRequest.BODY_REQUIRED) @Valid ExtendHoldRequest body) {
        UUID holdId = HoldRequests.holdId(id);
        HoldTtl ttl = body.ttl();
        return requests.run(key, "hold-extend", "POST /api/internal/holds/" + holdId + "/extend",
                RequestBodies.json(request), 200, () -> HoldExtendedResponse.of(extend.extend(holdId, ttl)));
    }
}
