package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.application.port.in.LinkAccountUseCase;
import dev.creditline.domain.user.LinkedAccount;
import dev.creditline.rest.auth.AdapterSecretRequired;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.Uuids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Auth.js adapter accounts ({@code /api/internal/auth/accounts}, adapter secret). */
@Path("/api/internal/auth/accounts")
@AdapterSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AdapterAccountsResource {

    /** The Auth.js adapter's account to link; the provider's token fields keep their snake_case names. */
    public record LinkRequest(@NotEmpty(message = "is required")
                              @Pattern(regexp = Uuids.REGEX, message = "must be a UUID") String userId,
                              @NotEmpty(message = "is required") String type,
                              @NotEmpty(message = "is required") String provider,
                              @NotEmpty(message = "is required") String providerAccountId,
                              @JsonProperty("refresh_token") String refreshToken,
                              @JsonProperty("access_token") String accessToken,
                              @JsonProperty("expires_at") Long expiresAt,
                              @JsonProperty("token_type") String tokenType, String scope,
                              @JsonProperty("id_token") String idToken,
                              @JsonProperty("session_state") String sessionState) implements JsonRequest {
    }

    /** An Auth.js adapter account, with the provider's own snake_case token fields. */
    public record AccountJson(UUID id, UUID userId, String type, String provider, String providerAccountId,
                              @JsonProperty("refresh_token") String refreshToken,
                              @JsonProperty("access_token") String accessToken,
                              @JsonProperty("expires_at") Long expiresAt,
                              @JsonProperty("token_type") String tokenType, String scope,
                              @JsonProperty("id_token") String idToken,
                              @JsonProperty("session_state") String sessionState) {
        static AccountJson of(LinkedAccount a) {
            return new AccountJson(a.id(), a.userId(), a.type(), a.provider(), a.providerAccountId(),
                    a.refreshToken(), a.accessToken(), a.expiresAt(), a.tokenType(), a.scope(), a.idToken(),
                    a.sessionState());
        }
    }

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
    public Response link(@NotNull(message = JsonRequest.BODY_REQUIRED) @Valid LinkRequest body) {
        LinkedAccount a = accounts.link(new LinkedAccount(null, UUID.fromString(body.userId()), body.type(),
                body.provider(), body.providerAccountId(), body.refreshToken(), body.accessToken(), body.expiresAt(),
                body.tokenType(), body.scope(), body.idToken(), body.sessionState(), null));
        return Response.status(201).entity(AccountJson.of(a)).build();
    }

    /** 204, also when the link does not exist. */
    @DELETE
    @Path("{provider}/{providerAccountId}")
    public Response unlink(@PathParam("provider") String provider,
                           @PathParam("providerAccountId") String providerAccountId) {
        accounts.unlink(provider, providerAccountId);
        return Response.noContent().build();
    }

}
