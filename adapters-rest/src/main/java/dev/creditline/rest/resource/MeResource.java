package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.UpdateUserUseCase;
import dev.creditline.domain.user.FieldUpdate;
import dev.creditline.domain.user.UserUpdate;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.json.JsonFields;
import dev.creditline.rest.json.UserJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** The signed-in user ({@code /api/users/me}, bearer; api.md "User endpoints"). */
@Path("/api/users/me")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {

    private final UpdateUserUseCase update;

    public MeResource(UpdateUserUseCase update) {
        this.update = update;
    }

    /**
     * {@code {id, email, name, image, credits_balance, plan}}: the user as the bearer filter read
     * it, after the lazy free allowance the filter applies.
     */
    @GET
    public UserJson.Me me(@Context ContainerRequestContext request) {
        return UserJson.Me.of(Caller.of(request).user());
    }

    /** Updates {@code name} and {@code image} (null clears) → the same shape. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public UserJson.Me update(@Context ContainerRequestContext request, JsonNode body) {
        // A partial update (absent keeps, null clears), which a record cannot say: read as a tree.
        JsonFields f = JsonFields.of(body);
        UserUpdate u = new UserUpdate(f.textUpdate("name"), f.textUpdate("image"), FieldUpdate.keep());
        return UserJson.Me.of(update.updateUser(Caller.userId(request), u));
    }
}
