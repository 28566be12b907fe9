package dev.creditline.rest.resource;

import dev.creditline.application.port.in.GrantLotUseCase;
import dev.creditline.application.port.in.GrantLotUseCase.LotGrantCommand;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.IsoInstant;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.RequestBodies;
import dev.creditline.rest.json.Uuids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
 * {@code POST /api/internal/grants} ({@code X-Service-Secret}; lots.md "API"): a grant that makes a lot, for
 * the host app's backend. Honours {@code Idempotency-Key} (scope {@code grants}).
 */
@Path("/api/internal")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class LotGrantResource {

    /**
     * {@code {userId, amount, category, priority?, expiresAt?, ref?, note?}}: the amount's range, the category
     * ({@code promotion|admin}) and the lengths are the domain's ({@link LotGrantCommand}).
     */
    public record GrantRequest(
            @NotEmpty(message = "is required") @Pattern(regexp = Uuids.REGEX, message = "must be a UUID") String userId,
            @NotNull(message = "is required") Long amount,
            @NotNull(message = "is required") String category,
            @Min(value = 0, message = "must be a whole number from 0 to 100")
            @Max(value = 100, message = "must be a whole number from 0 to 100") Long priority,
            @IsoInstant String expiresAt,
            String ref,
            String note) implements JsonRequest {

        LotGrantCommand command() {
            return new LotGrantCommand(UUID.fromString(userId), amount, LotCategory.requireGrantable("category", category),
                    priority == null ? null : priority.intValue(), IsoInstant.Validator.parse(expiresAt), ref, note, null);
        }
    }

    /** The answer of a grant: the new lot, its ledger entry and the balance after (credits). */
    public record GrantResponse(long lotId, long entryId, long balance) {
    }

    private final GrantLotUseCase grants;
    private final IdempotentRequests requests;

    public LotGrantResource(GrantLotUseCase grants, IdempotentRequestUseCase idempotency) {
        this.grants = grants;
        this.requests = new IdempotentRequests(idempotency);
    }

    /**
     * {@code {userId, amount, category: promotion|admin, priority?, expiresAt?, ref?, note?}} →
     * 201 {@code {lotId, entryId, balance}}; 400 naming the field; 404 unknown user.
     */
    @POST
    @Path("grants")
    public Response grant(@Context ContainerRequestContext request, @HeaderParam(IdempotentRequests.HEADER) String key,
                          @NotNull(message = JsonRequest.BODY_REQUIRED) @Valid GrantRequest body) {
        LotGrantCommand command = body.command();
        return requests.run(key, "grants", "POST /api/internal/grants", RequestBodies.json(request), 201, () -> {
            GrantLotUseCase.LotGranted g = grants.grant(command);
            return new GrantResponse(g.lotId(), g.entryId(), g.balance());
        });
    }

}
