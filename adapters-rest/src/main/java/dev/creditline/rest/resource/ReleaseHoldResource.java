package dev.creditline.rest.resource;

import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.in.ReleaseHoldUseCase;
import dev.creditline.application.port.in.ReleaseHoldUseCase.HoldReleased;
import dev.creditline.rest.auth.ServiceSecretRequired;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * {@code POST /api/internal/holds/{id}/release} ({@code X-Service-Secret}; api.md "Metering"): gives the
 * whole hold back. Honours {@code Idempotency-Key} (scope {@code hold-release}).
 */
@Path("/api/internal")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class ReleaseHoldResource {

    /** {@code {holdId, released, balance}} in credits. */
    public record ReleasedResponse(UUID holdId, long released, long balance) {
        static ReleasedResponse of(HoldReleased r) {
            return new ReleasedResponse(r.holdId(), r.released(), r.balance());
        }
    }

    private final ReleaseHoldUseCase releaseHold;
    private final IdempotentRequests requests;

    public ReleaseHoldResource(ReleaseHoldUseCase releaseHold, IdempotentRequestUseCase idempotency) {
        this.releaseHold = releaseHold;
        this.requests = new IdempotentRequests(idempotency);
    }

    /** → 200 {@link ReleasedResponse}; a hold id that is not a UUID: 404 {@code HOLD_NOT_FOUND}. */
    @POST
    @Path("holds/{id}/release")
    public Response release(@PathParam("id") String id, @HeaderParam(IdempotentRequests.HEADER) String key) {
        UUID holdId = HoldRequests.holdId(id);
        return requests.run(key, "hold-release", "POST /api/internal/holds/" + holdId + "/release", null, 200,
                () -> ReleasedResponse.of(releaseHold.release(holdId)));
    }
}
