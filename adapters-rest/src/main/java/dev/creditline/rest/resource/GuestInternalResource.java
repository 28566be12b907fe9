package dev.creditline.rest.resource;

import dev.creditline.application.port.in.ClaimGuestUseCase;
import dev.creditline.application.port.in.ConsumeGuestAllowanceUseCase;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.domain.guest.GuestAction;
import dev.creditline.rest.auth.GuestTokens;
import dev.creditline.rest.auth.InvalidTokenException;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.RequestBodies;
import dev.creditline.rest.json.Uuids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * Guest limits and claims for the host app's backend ({@code /api/internal/guests}, service
 * secret; api.md "Metering"). Both endpoints honour an optional
 * {@code Idempotency-Key} as the metering endpoints do ({@link IdempotentRequests}; scopes
 * {@code guest-consume} and {@code guest-claim}): a retried consume counts once and gets the
 * first answer (a stored 402 included).
 */
@Path("/api/internal/guests")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class GuestInternalResource {

    /** {@code {guestToken, action: upload|chat}}; the action is checked by the domain. */
    public record ConsumeRequest(@NotEmpty(message = "is required") String guestToken,
                                 @NotEmpty(message = "is required") String action) implements JsonRequest {
    }

    /** {@code {guestToken, userId}}. */
    public record ClaimRequest(@NotEmpty(message = "is required") String guestToken,
                               @NotEmpty(message = "is required")
                               @Pattern(regexp = Uuids.REGEX, message = "must be a UUID") String userId)
            implements JsonRequest {
    }

    /** {@code {remaining}}: how many of the action are left in the guest's window. */
    public record RemainingResponse(long remaining) {
    }

    /** {@code {claimed: true}}. */
    public record ClaimedResponse(boolean claimed) {
    }

    private final GuestTokens tokens;
    private final ConsumeGuestAllowanceUseCase consume;
    private final ClaimGuestUseCase claim;
    private final IdempotentRequests requests;

    public GuestInternalResource(GuestTokens tokens, ConsumeGuestAllowanceUseCase consume, ClaimGuestUseCase claim,
                                 IdempotentRequestUseCase idempotency) {
        this.tokens = tokens;
        this.consume = consume;
        this.claim = claim;
        this.requests = new IdempotentRequests(idempotency);
    }

    /**
     * {@code {guestToken, action: upload|chat}} → {@code {remaining}} (how many of this action are
     * left in the guest's window). Over the limit: 402 {@code GUEST_LIMIT_REACHED}, nothing counted.
     * Missing field or unknown action: 400 naming the field; invalid or expired guest token: 401
     * {@code INVALID_GUEST_TOKEN}; {@code GUEST_SECRET} unset: 503.
     */
    @POST
    @Path("consume")
    public Response consume(@Context ContainerRequestContext request, @HeaderParam(IdempotentRequests.HEADER) String key,
                            @NotNull(message = JsonRequest.BODY_REQUIRED) @Valid ConsumeRequest body) {
        GuestAction action = GuestAction.fromWire(body.action());
        UUID guest = guestId(body.guestToken());
        return requests.run(key, "guest-consume", "POST /api/internal/guests/consume", RequestBodies.json(request), 200,
                () -> new RemainingResponse(consume.consume(new ConsumeGuestAllowanceUseCase.ConsumeCommand(guest, action))));
    }

    /**
     * {@code {guestToken, userId}} → {@code {claimed: true}}, also for a repeated claim by the same
     * user. Another user's claim of the same guest: 409 {@code GUEST_ALREADY_CLAIMED}; unknown user:
     * 404 {@code USER_NOT_FOUND}; invalid or expired guest token: 401; bad fields: 400.
     */
    @POST
    @Path("claim")
    public Response claim(@Context ContainerRequestContext request, @HeaderParam(IdempotentRequests.HEADER) String key,
                          @NotNull(message = JsonRequest.BODY_REQUIRED) @Valid ClaimRequest body) {
        UUID userId = UUID.fromString(body.userId());
        UUID guest = guestId(body.guestToken());
        return requests.run(key, "guest-claim", "POST /api/internal/guests/claim", RequestBodies.json(request), 200, () -> {
            claim.claim(new ClaimGuestUseCase.ClaimCommand(guest, userId));
            return new ClaimedResponse(true);
        });
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
