package dev.creditline.rest.resource;

import dev.creditline.application.port.in.DeleteAccountUseCase;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code DELETE /api/users/me} (api.md "User endpoints"; lesson 12). Same path as
 * {@link MeResource}; Jersey merges resources of one path, so each keeps its own methods.
 */
@Path("/api/users/me")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class DeleteMeResource {

    /** {@code {"deleted": true}}. */
    public record DeletedResponse(boolean deleted) {
    }

    private final DeleteAccountUseCase delete;

    public DeleteMeResource(DeleteAccountUseCase delete) {
        this.delete = delete;
    }

    /** Cancels a live subscription at Stripe (failure → 502, nothing deleted), deletes → {@code {"deleted": true}}. */
    @DELETE
    public DeletedResponse deleteMe(@Context ContainerRequestContext request) {
        delete.deleteAccount(Caller.userId(request));
        return new DeletedResponse(true);
    }
}
