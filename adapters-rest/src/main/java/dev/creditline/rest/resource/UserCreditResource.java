package dev.creditline.rest.resource;

import dev.creditline.application.port.in.LotsUseCase;
import dev.creditline.application.port.in.analytics.CreditViewsUseCase;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.analytics.CreditTotals;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.lot.Lot;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.resource.UserInfoResource.Currency;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The balance and the grants of the User Service family with the user's lots in them
 * ({@code GET /api/user/credit/balance} and {@code GET /api/user/credit/grants}, bearer; api.md,
 * docs/lots.md). Field names are camelCase as in the original system; the lot fields are added,
 * existing fields keep their meaning.
 */
@Path("/api/user")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UserCreditResource {


    /**
     * {@code GET /api/user/credit/balance}: credits; {@code expiringSoon} = active lots expiring
     * within 7 days; {@code debt} = credits owed after a refund or dispute the balance could not cover.
     */
    public record BalanceResponse(long balance, Currency currency, long total, long grantCount, long pendingCredit,
                                  LotsResource.ExpiringSoonJson expiringSoon, long debt) {
    }

    /**
     * One grant entry and the lot it made. {@code remaining}, {@code priority} and {@code status}
     * are null when the entry made no lot; {@code expiresAt} is null when the lot never expires
     * or there is no lot.
     *
     * @param amount    credits granted (the entry's delta, &gt; 0)
     * @param remaining credits left in the lot now (0 once depleted, expired or voided)
     * @param status    {@code active}, {@code depleted}, {@code expired} or {@code voided}
     */
    public record GrantItem(long id, long amount, String reason, String refType, String refId, Instant createdAt,
                            Long remaining, Instant expiresAt, Integer priority, String status) {
        static GrantItem of(LedgerEntry e, Lot lot) {
            return new GrantItem(e.id(), e.delta(), e.reason().wireName(), e.ref().type(), e.ref().id(), e.createdAt(),
                    lot == null ? null : lot.remaining(), lot == null ? null : lot.expiresAt(),
                    lot == null ? null : lot.priority(), lot == null ? null : lot.status().wireName());
        }
    }

    /** The page asked for. */
    public record Paging(int page, int pageSize) {
    }

    /** {@code GET /api/user/credit/grants}: the total count, one page newest first, the paging. */
    public record GrantsResponse(long count, List<GrantItem> list, Paging paging) {
    }

    private final CreditViewsUseCase credits;
    private final LotsUseCase lots;

    public UserCreditResource(CreditViewsUseCase credits, LotsUseCase lots) {
        this.credits = credits;
        this.lots = lots;
    }

    /** {@code {balance, currency:{code:"credits"}, total, grantCount, pendingCredit, expiringSoon, debt}}. */
    @GET
    @Path("credit/balance")
    public BalanceResponse balance(@Context ContainerRequestContext request) {
        UUID userId = Caller.userId(request);
        CreditTotals t = credits.balance(userId);
        LotsUseCase.ExpiringSoon soon = lots.expiringSoon(userId);
        return new BalanceResponse(t.balance(), Currency.CREDITS, t.total(), t.grantCount(), t.pendingCredit(),
                new LotsResource.ExpiringSoonJson(soon.credits(), soon.nextExpiry()), soon.debt());
    }

    /**
     * Grants (positive entries that brought new credits), newest first, each with the lot it made:
     * {@code {count, list:[{id, amount, reason, refType, refId, createdAt, remaining, expiresAt,
     * priority, status}], paging:{page, pageSize}}}; {@code start}/{@code end} Unix seconds.
     */
    @GET
    @Path("credit/grants")
    public GrantsResponse grants(@Context ContainerRequestContext request, @QueryParam("page") String page,
                                 @QueryParam("pageSize") String pageSize, @QueryParam("start") String start,
                                 @QueryParam("end") String end) {
        int p = QueryParams.pageNumber("page", page, 1);
        int size = QueryParams.pageNumber("pageSize", pageSize, 20);
        Optional<Instant> from = QueryParams.unixSeconds("start", start);
        Optional<Instant> to = QueryParams.inclusiveEnd("end", end);
        UUID userId = Caller.userId(request);
        LedgerPage result = credits.entries(userId, true, from, to, p, size);
        Map<Long, Lot> made = lots.lotsOfGrants(userId, result.items().stream().map(LedgerEntry::id).toList());
        return new GrantsResponse(result.total(),
                result.items().stream().map(e -> GrantItem.of(e, made.get(e.id()))).toList(), new Paging(p, size));
    }
}
