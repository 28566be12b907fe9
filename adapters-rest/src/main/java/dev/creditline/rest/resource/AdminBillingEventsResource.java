package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.application.port.in.ListBillingEventsUseCase;
import dev.creditline.domain.billing.StoredBillingEvent;
import dev.creditline.rest.auth.AdminRequired;
import dev.creditline.rest.auth.BearerAuthRequired;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * The Stripe webhook inbox for admins ({@code GET /api/admin/billing/events}; billing.md "Webhook"
 * step 3: permanent problems are visible to admins).
 */
@Path("/api/admin/billing/events")
@BearerAuthRequired
@AdminRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AdminBillingEventsResource {

    /** One stored event: {@code created} Stripe's time, {@code received_at} ours, both UTC instants. */
    public record EventJson(@JsonProperty("event_id") String eventId, String type, Instant created,
                            @JsonProperty("received_at") Instant receivedAt, String outcome,
                            @JsonProperty("problem_code") String problemCode, String problem) {
        static EventJson of(StoredBillingEvent e) {
            return new EventJson(e.eventId(), e.type(), e.created(), e.receivedAt(), e.outcome(), e.problemCode(),
                    e.problem());
        }
    }

    /** {@code {items, total}}. */
    public record EventsResponse(List<EventJson> items, long total) {
    }

    private final ListBillingEventsUseCase events;

    public AdminBillingEventsResource(ListBillingEventsUseCase events) {
        this.events = events;
    }

    /**
     * {@code ?problem=true|false&limit=20&offset=0} → {@code {items:[{event_id, type, created,
     * received_at, outcome, problem_code, problem}], total}} newest first; non-admin → 403.
     */
    @GET
    public EventsResponse list(@QueryParam("problem") String problem,
                                    @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        boolean problemsOnly = QueryParams.trueOrFalse("problem", problem);
        ListBillingEventsUseCase.EventPage page = events.billingEvents(problemsOnly,
                QueryParams.clampedInt("limit", limit), QueryParams.clampedInt("offset", offset));
        return new EventsResponse(page.items().stream().map(EventJson::of).toList(), page.total());
    }
}
