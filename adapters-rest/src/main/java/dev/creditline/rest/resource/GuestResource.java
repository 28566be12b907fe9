package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.rest.auth.GuestTokens;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/**
 * Starts an anonymous guest session ({@code /api/guest}, public; api.md "Guest"). Nothing is
 * stored: the signed token carries the guest id.
 */
@Path("/api/guest")
@Produces(MediaType.APPLICATION_JSON)
public final class GuestResource {

    /** {@code {guest_id, guest_token, expires_at}}: the token also set as the cookie, its UTC expiry. */
    public record GuestSession(@JsonProperty("guest_id") UUID guestId, @JsonProperty("guest_token") String guestToken,
                               @JsonProperty("expires_at") Instant expiresAt) {
    }

    /** Name of the guest cookie. */
    public static final String COOKIE = "creditline_guest";

    private final GuestTokens tokens;
    private final boolean secureCookie;

    /**
     * @param secureCookie whether the cookie carries {@code Secure} ({@code COOKIE_SECURE=true} or
     *                     an https {@code FRONTEND_URL})
     */
    public GuestResource(GuestTokens tokens, boolean secureCookie) {
        this.tokens = tokens;
        this.secureCookie = secureCookie;
    }

    /**
     * {@code POST /api/guest/init} → 200 {@code {guest_id, guest_token, expires_at}} (expires_at an
     * ISO-8601 UTC instant, 24 h ahead) and cookie {@code creditline_guest} = the token (HttpOnly,
     * SameSite=Lax, Path=/, Max-Age=86400, Secure when configured). 503 {@code NOT_CONFIGURED} when
     * {@code GUEST_SECRET} is unset.
     */
    @POST
    @Path("init")
    public Response init() {
        if (!tokens.configured()) {
            throw ApiProblem.notConfigured("GUEST_SECRET", "Guest access");
        }
        GuestTokens.Issued issued = tokens.issue();
        NewCookie cookie = new NewCookie.Builder(COOKIE)
                .value(issued.token())
                .path("/")
                .maxAge((int) GuestTokens.LIFETIME.toSeconds())
                .httpOnly(true)
                .secure(secureCookie)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        return Response.ok(new GuestSession(issued.guestId(), issued.token(), issued.expiresAt())).cookie(cookie).header("Cache-Control", "no-store").build();
    }
}
