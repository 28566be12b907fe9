package dev.creditline.rest.resource;

import dev.creditline.application.port.in.analytics.CreditViewsUseCase;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.resource.UserCreditResource.Paging;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/user/credit/transactions} (bearer; analytics.md "Credits views"): every ledger entry of the
 * signed-in user, paged, newest first — the grants' shape ({@link UserCreditResource}) without the lot fields.
 */
@Path("/api/user")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UserTransactionsResource {

    /** One ledger entry: {@code amount} in credits (negative for a debit), {@code createdAt} a UTC instant. */
    public record EntryJson(long id, long amount, String reason, String refType, String refId, Instant createdAt) {
        static EntryJson of(LedgerEntry e) {
            return new EntryJson(e.id(), e.delta(), e.reason().wireName(), e.ref().type(), e.ref().id(), e.createdAt());
        }
    }

    /** {@code {count, list, paging:{page, pageSize}}}. */
    public record EntryPage(long count, List<EntryJson> list, Paging paging) {
    }

    private final CreditViewsUseCase credits;

    public UserTransactionsResource(CreditViewsUseCase credits) {
        this.credits = credits;
    }

    /** Every entry; {@code start}/{@code end} inclusive Unix seconds. */
    @GET
    @Path("credit/transactions")
    public EntryPage transactions(@Context ContainerRequestContext request, @QueryParam("page") String page,
                                  @QueryParam("pageSize") String pageSize, @QueryParam("start") String start,
                                  @QueryParam("end") String end) {
        int p = QueryParams.pageNumber("page", page, 1);
        int size = QueryParams.pageNumber("pageSize", pageSize, 20);
        LedgerPage result = credits.entries(Caller.userId(request), false, QueryParams.unixSeconds("start", start),
                QueryParams.inclusiveEnd("end", end), p, size);
        return new EntryPage(result.total(), result.items().stream().map(EntryJson::of).toList(), new Paging(p, size));
    }
}
