package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.creditline.application.port.in.VerificationTokenUseCase;
import dev.creditline.domain.user.VerificationToken;
import dev.creditline.rest.auth.AdapterSecretRequired;
import dev.creditline.rest.json.IsoInstant;
import dev.creditline.rest.json.JsonRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** Auth.js verification tokens ({@code /api/internal/auth/verification-tokens}, adapter secret). */
@Path("/api/internal/auth/verification-tokens")
@AdapterSecretRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AdapterVerificationTokensResource {

    /** {@code {identifier, token, expires}} (a UTC instant). */
    public record TokenJson(String identifier, String token, Instant expires) {
        static TokenJson of(VerificationToken t) {
            return new TokenJson(t.identifier(), t.token(), t.expires());
        }
    }

    /** {@code {identifier, token, expires}}: {@code expires} an ISO-8601 date-time. */
    public record CreateTokenRequest(@NotEmpty(message = "is required") String identifier,
                                     @NotEmpty(message = "is required") String token,
                                     @NotNull(message = "is required") @IsoInstant String expires)
            implements JsonRequest {
    }

    /** {@code {identifier, token}}. */
    public record UseTokenRequest(@NotEmpty(message = "is required") String identifier,
                                  @NotEmpty(message = "is required") String token) implements JsonRequest {
    }

    private final VerificationTokenUseCase tokens;

    public AdapterVerificationTokensResource(VerificationTokenUseCase tokens) {
        this.tokens = tokens;
    }

    /** {@code {identifier, token, expires}} → 201 the same; stored as SHA-256 hex. */
    @POST
    public Response create(@NotNull(message = JsonRequest.BODY_REQUIRED) @Valid CreateTokenRequest body) {
        VerificationToken t = tokens.create(new VerificationToken(body.identifier(), body.token(),
                IsoInstant.Validator.parse(body.expires())));
        return Response.status(201).entity(TokenJson.of(t)).build();
    }

    /** {@code {identifier, token}} → the token, deleted atomically, or {@code null}. */
    @POST
    @Path("use")
    public Response use(@NotNull(message = JsonRequest.BODY_REQUIRED) @Valid UseTokenRequest body) {
        return Response.ok(tokens.use(body.identifier(), body.token())
                .<Object>map(TokenJson::of).orElse(NullNode.getInstance())).build();
    }

}
