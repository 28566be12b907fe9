package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.creditline.application.port.in.CreateUserUseCase;
import dev.creditline.application.port.in.DeleteUserUseCase;
import dev.creditline.application.port.in.FindUserUseCase;
import dev.creditline.application.port.in.UpdateUserUseCase;
import dev.creditline.domain.user.NewUser;
import dev.creditline.domain.user.User;
import dev.creditline.domain.user.UserNotFoundException;
import dev.creditline.domain.user.UserUpdate;
import dev.creditline.rest.auth.AdapterSecretRequired;
import dev.creditline.rest.json.JsonFields;
import dev.creditline.rest.json.UserJson;
import dev.creditline.rest.json.Uuids;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;

/**
 * Auth.js adapter users ({@code /api/internal/auth/users}, adapter secret). "Not found" is
 * 200 with JSON {@code null}, as the Auth.js adapter contract expects (api.md "Auth.js adapter").
 */
@Path("/api/internal/auth/users")
@AdapterSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AdapterUsersResource {

    private final CreateUserUseCase create;
    private final FindUserUseCase find;
    private final UpdateUserUseCase update;
    private final DeleteUserUseCase delete;

    public AdapterUsersResource(CreateUserUseCase create, FindUserUseCase find, UpdateUserUseCase update,
                                DeleteUserUseCase delete) {
        this.create = create;
        this.find = find;
        this.update = update;
        this.delete = delete;
    }

    /** {@code {email, name?, image?, emailVerified?}} → 201 user with the signup bonus; 409 duplicate email. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonNode body) {
        // Read as a tree, not a record: emailVerified and email_verified are two spellings, the first one
        // present wins even when it is null, which a record (absent = null) cannot tell.
        JsonFields f = JsonFields.of(body);
        NewUser newUser = new NewUser(f.requireText("email"), f.optionalText("name").orElse(null),
                f.optionalText("image").orElse(null), f.optionalInstant("emailVerified", "email_verified").orElse(null));
        User user = create.createUser(newUser);
        return Response.status(201).entity(UserJson.AdapterUser.of(user)).build();
    }

    /** The user or {@code null} (also for a non-UUID id). */
    @GET
    @Path("{id}")
    public Response byId(@PathParam("id") String id) {
        return userOrNull(Uuids.parse(id).flatMap(find::findById));
    }

    /** The user with this email (case-insensitive) or {@code null}. */
    @GET
    @Path("by-email/{email}")
    public Response byEmail(@PathParam("email") String email) {
        return userOrNull(find.findByEmail(email));
    }

    /** The user linked to the provider account, or {@code null}. */
    @GET
    @Path("by-account/{provider}/{providerAccountId}")
    public Response byAccount(@PathParam("provider") String provider,
                              @PathParam("providerAccountId") String providerAccountId) {
        return userOrNull(find.findByAccount(provider, providerAccountId));
    }

    /** {@code {name?, image?, emailVerified?}}; an explicit null clears the field; 404 if missing. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, JsonNode body) {
        // A partial update: an absent member keeps the field, an explicit null clears it; a record cannot
        // tell the two apart, so the body is read as a tree.
        UUID userId = Uuids.parse(id).orElseThrow(UserNotFoundException::new);
        JsonFields f = JsonFields.of(body);
        UserUpdate u = new UserUpdate(f.textUpdate("name"), f.textUpdate("image"),
                f.instantUpdate("emailVerified", "email_verified"));
        return Response.ok(UserJson.AdapterUser.of(update.updateUser(userId, u))).build();
    }

    /** 204; 404 if missing. Everything keyed to the user is deleted with it. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        delete.deleteUser(Uuids.parse(id).orElseThrow(UserNotFoundException::new));
        return Response.noContent().build();
    }

    static Response userOrNull(Optional<User> user) {
        return Response.ok(user.<Object>map(UserJson.AdapterUser::of).orElse(NullNode.getInstance())).build();
    }

}
