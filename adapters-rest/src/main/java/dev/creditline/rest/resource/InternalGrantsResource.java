package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.GrantLotUseCase;
import dev.creditline.application.port.in.GrantLotUseCase.LotGrantCommand;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.in.VoidLotUseCase;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.lot.LotNotFoundException;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.JsonFields;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Grants that make a lot and the void of a lot, for the host app's backend
 * ({@code /api/internal}, {@code X-Service-Secret}; docs/lots.md). Both honour
 * {@code Idempotency-Key} (scopes {@code grants} and {@code lot-void}).
 */
@Path("/api/internal")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class InternalGrantsResource {

    /** The answer of a grant: the new lot, its ledger entry and the balance after (credits). */
    public record GrantResponse(long lotId, long entryId, long balance) {
    }

    /** The answer of a void: credits removed and the owner's balance after. */
    public record VoidResponse(long lotId, long voided, long balance) {
    }

    private final GrantLotUseCase grants;
    private final VoidLotUseCase voids;
    private final BiFunction<Long, UUID, VoidLotUseCase.LotVoided> voidOfUser;
    private final IdempotentRequests calls;

    /**
     * @param voidOfUser voids a lot only when it is the given user's (404 otherwise)
     */
    public InternalGrantsResource(GrantLotUseCase grants, VoidLotUseCase voids,
                                  BiFunction<Long, UUID, VoidLotUseCase.LotVoided> voidOfUser,
                                  IdempotentRequestUseCase idempotency) {
        this.grants = grants;
        this.voids = voids;
        this.voidOfUser = voidOfUser;
        this.calls = new IdempotentRequests(idempotency);
    }

    /**
     * {@code {userId, amount, category: promotion|admin, priority?, expiresAt?, ref?, note?}} →
     * 201 {@code {lotId, entryId, balance}}; 400 naming the field; 404 unknown user.
     */
    @POST
    @Path("grants")
    public Response grant(@HeaderParam(IdempotencyKey.HEADER) String key, JsonNode body) {
        LotGrantCommand command = command(JsonFields.of(body), null);
        return calls.run(key, "grants", "POST /api/internal/grants", body, 201, () -> {
            GrantLotUseCase.LotGranted g = grants.grant(command);
            return new GrantResponse(g.lotId(), g.entryId(), g.balance());
        });
    }

    /**
     * Voids what is left of the lot → {@code {lotId, voided, balance}}; an optional body
     * {@code {userId}} makes the void apply only to that user's lot (404 otherwise).
     */
    @POST
    @Path("lots/{lotId}/void")
    public Response voidLot(@PathParam("lotId") String lotId, @HeaderParam(IdempotencyKey.HEADER) String key,
                            JsonNode body) {
        long id = lotId(lotId);
        Optional<UUID> user = body == null || body.isNull() || body.isMissingNode() || !body.has("userId")
                ? Optional.empty() : Optional.of(JsonFields.of(body).requireUuid("userId"));
        return calls.run(key, "lot-void", "POST /api/internal/lots/" + id + "/void", body, 200, () -> {
            VoidLotUseCase.LotVoided v = user.isPresent() ? voidOfUser.apply(id, user.get()) : voids.voidLot(id);
            return new VoidResponse(v.lotId(), v.voided(), v.balance());
        });
    }

    /** Parses a grant body naming the field of every error; {@code actorId} is the admin or null. */
    static LotGrantCommand command(JsonFields f, UUID actorId) {
        UUID userId = f.requireUuid("userId");
        long amount = f.optionalLong("amount").orElseThrow(() -> new ValidationException("amount", "is required"));
        LotCategory category = LotCategory.requireGrantable("category",
                f.optionalText("category").orElseThrow(() -> new ValidationException("category", "is required")));
        Integer priority = f.optionalLong("priority").map(p -> {
            if (p < 0 || p > 100) {
                throw new ValidationException("priority", "must be a whole number from 0 to 100");
            }
            return p.intValue();
        }).orElse(null);
        return new LotGrantCommand(userId, amount, category, priority, f.optionalInstant("expiresAt").orElse(null),
                f.optionalText("ref").orElse(null), f.optionalText("note").orElse(null), actorId);
    }

    private static long lotId(String text) {
        if (text == null || !text.matches("\\d{1,18}")) {
            throw new LotNotFoundException(String.valueOf(text));
        }
        return Long.parseLong(text);
    }
}
