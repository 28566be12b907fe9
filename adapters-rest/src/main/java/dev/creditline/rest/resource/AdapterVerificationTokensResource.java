package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.creditline.application.port.in.VerificationTokenUseCase;
import dev.creditline.domain.user.VerificationToken;
import dev.creditline.rest.auth.AdapterSecretRequired;
import dev.creditline.rest.json.JsonFields;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Auth.js verification tokens ({@code /api/internal/auth/verification-tokens}, adapter secret). */
@Path("/api/internal/auth/verification-tokens")
@AdapterSecretRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AdapterVerificationTokensResource {

    private final VerificationTokenUseCase tokens;

    public AdapterVerificationTokensResource(VerificationTokenUseCase tokens) {
        this.tokens = tokens;
    }

    /** {@code {identifier, token, expires}} → 201 the same; stored as SHA-256 hex. */
    @POST
    public Response create(JsonNode body) {
        JsonFields f = JsonFields.of(body);
        VerificationToken t = tokens.create(new VerificationToken(f.requireText("identifier"), f.requireText("token"),
                f.requireInstant("expires")));
        return Response.status(201).entity(json(t)).build();
    }

    /** {@code {identifier, token}} → the token, deleted atomically, or {@code null}. */
    @POST
    @Path("use")
    public Response use(JsonNode body) {
        JsonFields f = JsonFields.of(body);
        return Response.ok(tokens.use(f.requireText("identifier"), f.requireText("token"))
                .<Object>map(AdapterVerificationTokensResource::json).orElse(NullNode.getInstance())).build();
    }

    private static Map<String, Object> json(VerificationToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identifier", t.identifier());
        m.put("token", t.token());
        m.put("expires", t.expires());
        return m;
    }
}
