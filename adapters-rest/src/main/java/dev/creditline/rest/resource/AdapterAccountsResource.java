package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.LinkAccountUseCase;
import dev.creditline.domain.user.LinkedAccount;
import dev.creditline.rest.auth.AdapterSecretRequired;
import dev.creditline.rest.json.JsonFields;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Auth.js adapter accounts ({@code /api/internal/auth/accounts}, adapter secret). */
@Path("/api/internal/auth/accounts")
@AdapterSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AdapterAccountsResource {

    private final LinkAccountUseCase accounts;

    public AdapterAccountsResource(LinkAccountUseCase accounts) {
        this.accounts = accounts;
    }

    /**
     * {@code {userId, type, provider, providerAccountId, refresh_token?, access_token?, expires_at?,
     * token_type?, scope?, id_token?, session_state?}} → 201 account; 409 duplicate; 404 unknown user.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response link(JsonNode body) {
        JsonFields f = JsonFields.of(body);
        LinkedAccount a = accounts.link(new LinkedAccount(null, f.requireUuid("userId"), f.requireText("type"),
                f.requireText("provider"), f.requireText("providerAccountId"),
                f.optionalText("refresh_token").orElse(null), f.optionalText("access_token").orElse(null),
                f.optionalLong("expires_at").orElse(null), f.optionalText("token_type").orElse(null),
                f.optionalText("scope").orElse(null), f.optionalText("id_token").orElse(null),
                f.optionalText("session_state").orElse(null), null));
        return Response.status(201).entity(json(a)).build();
    }

    /** 204, also when the link does not exist. */
    @DELETE
    @Path("{provider}/{providerAccountId}")
    public Response unlink(@PathParam("provider") String provider,
                           @PathParam("providerAccountId") String providerAccountId) {
        accounts.unlink(provider, providerAccountId);
        return Response.noContent().build();
    }

    static Map<String, Object> json(LinkedAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("userId", a.userId());
        m.put("type", a.type());
        m.put("provider", a.provider());
        m.put("providerAccountId", a.providerAccountId());
        m.put("refresh_token", a.refreshToken());
        m.put("access_token", a.accessToken());
        m.put("expires_at", a.expiresAt());
        m.put("token_type", a.tokenType());
        m.put("scope", a.scope());
        m.put("id_token", a.idToken());
        m.put("session_state", a.sessionState());
        return m;
    }
}
