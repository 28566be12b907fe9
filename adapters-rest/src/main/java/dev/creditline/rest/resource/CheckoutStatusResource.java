package dev.creditline.rest.resource;

import dev.creditline.application.port.in.CheckoutStatusUseCase;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/billing/checkout-status?session_id=} (bearer; api.md "Billing"): where a checkout stands. */
@Path("/api/billing")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class CheckoutStatusResource {

    /** {@code {status: payment_pending|processing|complete|expired}}. */
    public record StatusResponse(String status) {
    }

    private final CheckoutStatusUseCase status;

    public CheckoutStatusResource(CheckoutStatusUseCase status) {
        this.status = status;
    }

    /** Not the caller's session → 404; a missing or over-long {@code session_id} → 400 naming it. */
    @GET
    @Path("checkout-status")
    public StatusResponse checkoutStatus(@Context ContainerRequestContext request,
                                         @QueryParam("session_id") String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 255) {
            throw ApiProblem.badRequest("session_id", "session_id is required");
        }
        return new StatusResponse(status.checkoutStatus(Caller.userId(request), sessionId.trim()));
    }
}
