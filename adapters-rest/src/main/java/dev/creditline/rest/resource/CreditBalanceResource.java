package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.application.port.in.GetBalanceUseCase;
import dev.creditline.application.port.in.LotsUseCase;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.json.LedgerJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/credits/balance} (bearer; api.md "User endpoints"; lots.md "API"): the signed-in user's balance. */
@Path("/api/credits")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class CreditBalanceResource {

    /** Credits of active lots expiring within 7 days and the earliest such expiry (null when none). */
    public record ExpiringSoonJson(long credits, Instant nextExpiry) {
    }

    /** {@code {balance, recent_transactions: 5 newest, expiringSoon, debt}} in credits. */
    public record BalanceResponse(long balance,
                                  @JsonProperty("recent_transactions") List<LedgerJson.Summary> recentTransactions,
                                  ExpiringSoonJson expiringSoon, long debt) {
    }

    private final GetBalanceUseCase balance;
    private final LotsUseCase lots;

    /** @param lots what expires soon and the debt shown with the balance */
    public CreditBalanceResource(GetBalanceUseCase balance, LotsUseCase lots) {
        this.balance = balance;
        this.lots = lots;
    }

    /** The balance, the five newest entries, what expires soon and the debt. */
    @GET
    @Path("balance")
    public BalanceResponse balance(@Context ContainerRequestContext request) {
        UUID userId = Caller.userId(request);
        GetBalanceUseCase.BalanceView view = balance.balance(userId);
        LotsUseCase.ExpiringSoon soon = lots.expiringSoon(userId);
        return new BalanceResponse(view.balance(), view.recent().stream().map(LedgerJson.Summary::of).toList(),
                new ExpiringSoonJson(soon.credits(), soon.nextExpiry()), soon.debt());
    }
}
