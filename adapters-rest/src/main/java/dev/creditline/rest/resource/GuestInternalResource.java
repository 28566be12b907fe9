package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.ClaimGuestUseCase;
import dev.creditline.application.port.in.ConsumeGuestAllowanceUseCase;
import dev.creditline.domain.guest.GuestAction;
import dev.creditline.rest.auth.GuestTokens;
import dev.creditline.rest.auth.InvalidTokenException;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.JsonFields;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/**
 * Guest limits and claims for the host app's backend ({@code /api/internal/guests}, service
 * secret; api.md "Metering"; domain.md "Guests").
 */
@Path("/api/internal/guests")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class GuestInternalResource {

    private final GuestTokens tokens;
    private final ConsumeGuestAllowanceUseCase consume;
    private final ClaimGuestUseCase claim;

    public GuestInternalResource(GuestTokens tokens, ConsumeGuestAllowanceUseCase consume, ClaimGuestUseCase claim) {
        this.tokens = tokens;
        this.consume = consume;
        this.claim = claim;
    }

    /**
     * {@code {guestToken, action: upload|chat}} → {@code {remaining}} (how many of this action are
     * left in the guest's window). Over the limit: 402 {@code GUEST_LIMIT_REACHED}, nothing counted.
     * Missing field or unknown action: 400 naming the field; invalid or expired guest token: 401
     * {@code INVALID_GUEST_TOKEN}; {@code GUEST_SECRET} unset: 503.
     */
    @POST
    @Path("consume")
    public Map<String, Object> consume(JsonNode body) {
        JsonFields f = JsonFields.of(body);
        String token = f.requireText("guestToken");
        GuestAction action = GuestAction.fromWire(f.requireText("action"));
        long remaining = consume.consume(new ConsumeGuestAllowanceUseCase.ConsumeCommand(guestId(token), action));
        return Map.of("remaining", remaining);
    }

    /**
     * {@code {guestToken, userId}} → {@code {claimed: true}}, also for a repeated claim by the same
     * user. Another user's claim of the same guest: 409 {@code GUEST_ALREADY_CLAIMED}; unknown user:
     * 404 {@code USER_NOT_FOUND}; invalid or expired guest token: 401; bad fields: 400.
     */
    @POST
    @Path("claim")
    public Map<String, Object> claim(JsonNode body) {
        JsonFields f = JsonFields.of(body);
        String token = f.requireText("guestToken");
        UUID userId = f.requireUuid("userId");
        claim.claim(new ClaimGuestUseCase.ClaimCommand(guestId(token), userId));
        return Map.of("claimed", true);
    }

    private UUID guestId(String token) {
        if (!tokens.configured()) {
            throw ApiProblem.notConfigured("GUEST_SECRET", "Guest access");
        }
        try {
            return tokens.verify(token);
        } catch (InvalidTokenException e) {
            throw new ApiProblem(401, "INVALID_GUEST_TOKEN", "Unauthorized",
                    "The guest token is invalid or expired.").with("field", "guestToken");
        }
    }
}
