package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.CreateHoldUseCase;
import dev.creditline.application.port.in.CreateHoldUseCase.CreateHoldCommand;
import dev.creditline.application.port.in.CreateHoldUseCase.HoldCreated;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.in.PrepareDebitUseCase;
import dev.creditline.domain.hold.HoldExpiryPolicy;
import dev.creditline.domain.hold.HoldTtl;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.RequestBodies;
import dev.creditline.rest.json.Uuids;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /api/internal/holds} ({@code X-Service-Secret}; api.md "Metering"; docs/metering.md "Streaming
 * holds"): reserves credits, either {@code amount} or the most the described call can cost
 * ({@link HoldRequests.SizedHoldRequest}). Honours {@code Idempotency-Key} (scope {@code holds}).
 */
@Path("/api/internal")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class CreateHoldResource {

    /**
     * {@code {userId, amount, ttlSeconds?, ref?, onExpiry?}}: the amount's range, the TTL (1..86,400 s, default
     * 600) and the policy ({@code release|capture}) are the domain's.
     */
    public record AmountHoldRequest(
            @NotEmpty(message = "is required") @Pattern(regexp = Uuids.REGEX, message = "must be a UUID") String userId,
            @NotNull(message = "is required") Long amount,
            Long ttlSeconds,
            String ref,
            String onExpiry) implements JsonRequest {

        CreateHoldCommand command() {
            return new CreateHoldCommand(UUID.fromString(userId), amount, HoldTtl.ofSeconds(ttlSeconds), ref,
                    HoldExpiryPolicy.fromWire(onExpiry));
        }
    }

    /** 201 of a hold of {@code amount}: {@code onExpiry} only when the request sent it. */
    public record HoldCreatedResponse(UUID holdId, long amount, Instant expiresAt, long balance,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) String onExpiry) {
    }

    private final CreateHoldUseCase createHold;
    private final PrepareDebitUseCase prepare;
    private final IdempotentRequests requests;

    public CreateHoldResource(CreateHoldUseCase createHold, PrepareDebitUseCase prepare,
                              IdempotentRequestUseCase idempotency) {
        this.createHold = createHold;
        this.prepare = prepare;
        this.requests = new IdempotentRequests(idempotency);
    }

    /**
     * {@code {userId, amount, ttlSeconds?, ref?, onExpiry?}} → 201 {@link HoldCreatedResponse}, or a body
     * with the call's model and bounds → 201 {@link HoldRequests.SizedHoldResponse}; 402 when the balance
     * is short.
     */
    @POST
    @Path("holds")
    public Response createHold(@HeaderParam(IdempotentRequests.HEADER) String key, JsonNode body) throws IOException {
        if (HoldRequests.isSized(body)) {
            HoldRequests.SizedHoldRequest request = HoldRequests.SizedHoldRequest.parse(body);
            return requests.run(key, "holds", "POST /api/internal/holds", body, 201,
                    () -> prepare.prepareDebit(request.userId()),
                    () -> HoldRequests.SizedHoldResponse.of(request, createHold.createSized(request.command())));
        }
        // The body is one of two shapes (sized above, or an amount), told apart by which members are present,
        // so it is read as a tree and then bound to the shape's record.
        AmountHoldRequest request = RequestBodies.bind(body, AmountHoldRequest.class);
        CreateHoldCommand command = request.command();
        return requests.run(key, "holds", "POST /api/internal/holds", body, 201,
                () -> prepare.prepareDebit(command.userId()), () -> {
                    HoldCreated h = createHold.create(command);
                    return new HoldCreatedResponse(h.holdId(), h.amount(), h.expiresAt(), h.balance(),
                            request.onExpiry() != null ? command.onExpiry().wire() : null);
                });
    }
}
