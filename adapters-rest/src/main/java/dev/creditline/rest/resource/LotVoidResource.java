package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.in.VoidLotUseCase;
import dev.creditline.domain.lot.LotNotFoundException;
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
 * {@code POST /api/internal/lots/{lotId}/void} ({@code X-Service-Secret}; lots.md "API"): voids what is left
 * of a lot. Honours {@code Idempotency-Key} (scope {@code lot-void}).
 */
@Path("/api/internal")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class LotVoidResource {

    /** The answer of a void: credits removed and the owner's balance after. */
    public record VoidResponse(long lotId, long voided, long balance) {
    }

    private final VoidLotUseCase voids;
    private final BiFunction<Long, UUID, VoidLotUseCase.LotVoided> voidOfUser;
    private final IdempotentRequests requests;

    /**
     * @param voidOfUser voids a lot only when it is the given user's (404 otherwise)
     */
    public LotVoidResource(VoidLotUseCase voids, BiFunction<Long, UUID, VoidLotUseCase.LotVoided> voidOfUser,
                           IdempotentRequestUseCase idempotency) {
        this.voids = voids;
        this.voidOfUser = voidOfUser;
        this.requests = new IdempotentRequests(idempotency);
    }

    /**
     * → {@code {lotId, voided, balance}}; an optional body {@code {userId}} makes the void apply only to that
     * user's lot (404 otherwise); a lot id that is not a number: 404.
     */
    @POST
    @Path("lots/{lotId}/void")
    public Response voidLot(@PathParam("lotId") String lotId, @HeaderParam(IdempotentRequests.HEADER) String key,
                            JsonNode body) {
        long id = lotId(lotId);
        // The body is optional (no body, {} and {userId} all void): read as a tree.
        Optional<UUID> user = body == null || body.isNull() || body.isMissingNode() || !body.has("userId")
                ? Optional.empty() : Optional.of(JsonFields.of(body).requireUuid("userId"));
        return requests.run(key, "lot-void", "POST /api/internal/lots/" + id + "/void", body, 200, () -> {
            VoidLotUseCase.LotVoided v = user.isPresent() ? voidOfUser.apply(id, user.get()) : voids.voidLot(id);
            return new VoidResponse(v.lotId(), v.voided(), v.balance());
        });
    }

    private static long lotId(String text) {
        if (text == null || !text.matches("\\d{1,18}")) {
            throw new LotNotFoundException(String.valueOf(text));
        }
        return Long.parseLong(text);
    }
}
