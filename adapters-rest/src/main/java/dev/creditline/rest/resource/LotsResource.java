package dev.creditline.rest.resource;

import dev.creditline.application.port.in.LotsUseCase;
import dev.creditline.domain.lot.Lot;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The signed-in user's lots ({@code GET /api/credits/lots}, bearer; docs/lots.md). */
@Path("/api/credits")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class LotsResource {

    /** One active lot: credits, priority 0..100, UTC instants (expiresAt null = never). */
    public record LotJson(long id, String category, long amount, long remaining, int priority, Instant expiresAt,
                          Instant createdAt) {
        static LotJson of(Lot l) {
            return new LotJson(l.id(), l.category().wireName(), l.amount(), l.remaining(), l.priority(),
                    l.expiresAt(), l.createdAt());
        }
    }

    /** Credits of active lots expiring within 7 days and the earliest such expiry (null when none). */
    public record ExpiringSoonJson(long credits, Instant nextExpiry) {
    }

    /** {@code {lots, expiringSoon, debt}}. */
    public record LotsResponse(List<LotJson> lots, ExpiringSoonJson expiringSoon, long debt) {
    }

    private final LotsUseCase lots;

    public LotsResource(LotsUseCase lots) {
        this.lots = lots;
    }

    /** The active lots in burn order (the order a debit takes them), what expires soon and the debt. */
    @GET
    @Path("lots")
    public LotsResponse lots(@Context ContainerRequestContext request) {
        LotsUseCase.LotsView v = lots.lots(Caller.userId(request));
        return new LotsResponse(v.lots().stream().map(LotJson::of).toList(),
                new ExpiringSoonJson(v.expiringSoon().credits(), v.expiringSoon().nextExpiry()), v.debt());
    }
}
