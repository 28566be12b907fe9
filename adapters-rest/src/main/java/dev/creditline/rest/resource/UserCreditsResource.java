package dev.creditline.rest.resource;

import dev.creditline.application.port.in.analytics.CreditViewsUseCase;
import dev.creditline.application.port.out.LedgerRepository.LedgerPage;
import dev.creditline.application.port.out.analytics.CreditViewRepository.CreditTotals;
import dev.creditline.domain.ledger.LedgerEntry;
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
import java.util.UUID;

/**
 * The signed-in user's credit views of the User Service family ({@code /api/user/credit/…}, bearer;
 * analytics.md "Credits views"): totals, grants and every ledger entry, paged.
 */
@Path("/api/user")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UserCreditsResource {

    /** {@code {balance, currency:{code:"credits"}, total, grantCount, pendingCredit}} in credits. */
    public record CreditBalance(long balance, Currency currency, long total, long grantCount, long pendingCredit) {
        static CreditBalance of(CreditTotals t) {
            return new CreditBalance(t.balance(), Currency.CREDITS, t.total(), t.grantCount(), t.pendingCredit());
        }
    }

    /** One ledger entry: {@code amount} in credits (negative for a debit), {@code createdAt} a UTC instant. */
    public record EntryJson(long id, long amount, String reason, String refType, String refId, Instant createdAt) {
        static EntryJson of(LedgerEntry e) {
            return new EntryJson(e.id(), e.delta(), e.reason().wireName(), e.ref().type(), e.ref().id(), e.createdAt());
        }
    }

    /** {@code {count, list, paging:{page, pageSize}}}. */
    public record EntryPage(long count, List<EntryJson> list, Paging paging) {
    }

    /** The page asked for. */
    public record Paging(int page, int pageSize) {
    }

    private final CreditViewsUseCase credits;

    public UserCreditsResource(CreditViewsUseCase credits) {
        this.credits = credits;
    }

    /** The totals. */
    @GET
    @Path("credit/balance")
    public CreditBalance balance(@Context ContainerRequestContext request) {
        return CreditBalance.of(credits.balance(Caller.userId(request)));
    }

    /** Grants (positive entries) newest first; {@code start}/{@code end} inclusive Unix seconds. */
    @GET
    @Path("credit/grants")
    public EntryPage grants(@Context ContainerRequestContext request, @QueryParam("page") String page,
                            @QueryParam("pageSize") String pageSize, @QueryParam("start") String start,
                            @QueryParam("end") String end) {
        return entries(Caller.userId(request), true, page, pageSize, start, end);
    }

    /** Every ledger entry, same shape as grants. */
    @GET
    @Path("credit/transactions")
    public EntryPage transactions(@Context ContainerRequestContext request, @QueryParam("page") String page,
                                  @QueryParam("pageSize") String pageSize, @QueryParam("start") String start,
                                  @QueryParam("end") String end) {
        return entries(Caller.userId(request), false, page, pageSize, start, end);
    }

    private EntryPage entries(UUID userId, boolean grantsOnly, String page, String pageSize, String start,
                              String end) {
        int p = QueryParams.pageNumber("page", page, 1);
        int size = QueryParams.pageNumber("pageSize", pageSize, 20);
        LedgerPage result = credits.entries(userId, grantsOnly, QueryParams.unixSeconds("start", start),
                QueryParams.inclusiveEnd("end", end), p, size);
        return new EntryPage(result.total(), result.items().stream().map(EntryJson::of).toList(), new Paging(p, size));
    }
}
