package dev.creditline.rest.resource;

import dev.creditline.application.port.in.GetCreditHistoryUseCase;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.json.LedgerJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/credits/history} (bearer; api.md "User endpoints"): the signed-in user's ledger. */
@Path("/api/credits")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class CreditHistoryResource {

    /** {@code {items, total}}. */
    public record HistoryResponse(List<LedgerJson.WithRef> items, long total) {
    }

    private final GetCreditHistoryUseCase history;

    public CreditHistoryResource(GetCreditHistoryUseCase history) {
        this.history = history;
    }

    /**
     * Entries newest first; {@code limit} clamped to 1..100 (0 or absent → 20), negative offset → 0,
     * not a whole number → 400 naming it.
     */
    @GET
    @Path("history")
    public HistoryResponse history(@Context ContainerRequestContext request, @QueryParam("limit") String limit,
                                   @QueryParam("offset") String offset) {
        LedgerPage page = history.history(Caller.userId(request), QueryParams.clampedInt("limit", limit),
                QueryParams.clampedInt("offset", offset));
        return new HistoryResponse(page.items().stream().map(LedgerJson.WithRef::of).toList(), page.total());
    }
}
