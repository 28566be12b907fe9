package dev.creditline.rest.resource;

import dev.creditline.application.port.in.GetBalanceUseCase;
import dev.creditline.application.port.in.GetCreditHistoryUseCase;
import dev.creditline.application.port.in.LotsUseCase;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.ValidationException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Balance and ledger history of the signed-in user ({@code /api/credits}, bearer). */
@Path("/api/credits")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class CreditsResource {

    private final GetBalanceUseCase balance;
    private final GetCreditHistoryUseCase history;

    private final LotsUseCase lots;

    public CreditsResource(GetBalanceUseCase balance, GetCreditHistoryUseCase history) {
        this(balance, history, null);
    }

    /**
     * @param lots what expires soon and the debt shown with the balance (docs/lots.md), or null
     */
    public CreditsResource(GetBalanceUseCase balance, GetCreditHistoryUseCase history, LotsUseCase lots) {
        this.balance = balance;
        this.history = history;
        this.lots = lots;
    }

    /**
     * {@code {balance, recent_transactions:[5 newest {id, delta, balance_after, reason, created_at}],
     * expiringSoon:{credits, nextExpiry}, debt}}.
     */
    @GET
    @Path("balance")
    public Map<String, Object> balance(@Context ContainerRequestContext request) {
        GetBalanceUseCase.BalanceView view = balance.balance(userId(request));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("balance", view.balance());
        m.put("recent_transactions", view.recent().stream().map(LedgerJson::summary).toList());
        if (lots != null) {
            LotsUseCase.ExpiringSoon soon = lots.expiringSoon(userId(request));
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("credits", soon.credits());
            e.put("nextExpiry", soon.nextExpiry());
            m.put("expiringSoon", e);
            m.put("debt", soon.debt());
        }
        return m;
    }

    /**
     * {@code {items:[{id, delta, balance_after, reason, ref_type, ref_id, created_at}], total}} newest
     * first; {@code limit} clamped to 1..100 (0 or absent → 20), negative offset → 0, non-integer → 400.
     */
    @GET
    @Path("history")
    public Map<String, Object> history(@Context ContainerRequestContext request,
                                       @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        LedgerPage page = history.history(userId(request), intParam("limit", limit), intParam("offset", offset));
        List<Map<String, Object>> items = page.items().stream().map(LedgerJson::withRef).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("total", page.total());
        return m;
    }

    /** A query integer; absent → 0; clamped to int range; not an integer → 400 naming it. */
    static int intParam(String name, String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (!value.matches("-?\\d{1,18}")) {
            throw new ValidationException(name, "must be an integer");
        }
        long v = Long.parseLong(value);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    private static UUID userId(ContainerRequestContext request) {
        return Caller.of(request).user().id();
    }
}
