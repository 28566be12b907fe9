package dev.creditline.rest.resource;

import dev.creditline.application.port.in.ListBillingEventsUseCase;
import dev.creditline.domain.billing.StoredBillingEvent;
import dev.creditline.rest.auth.BearerAuthFilter;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Stripe webhook inbox for admins ({@code GET /api/admin/billing/events}; billing.md "Webhook"
 * step 3: permanent problems are visible to admins).
 */
@Path("/api/admin/billing/events")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AdminBillingEventsResource {

    private final ListBillingEventsUseCase events;

    public AdminBillingEventsResource(ListBillingEventsUseCase events) {
        this.events = events;
    }

    /**
     * {@code ?problem=true|false&limit=20&offset=0} → {@code {items:[{event_id, type, created,
     * received_at, outcome, problem_code, problem}], total}} newest first; non-admin → 403.
     */
    @GET
    public Map<String, Object> list(@Context ContainerRequestContext request, @QueryParam("problem") String problem,
                                    @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        BearerAuthFilter.requireAdmin(request);
        boolean problemsOnly;
        if (problem == null || problem.isEmpty() || problem.equals("false")) {
            problemsOnly = false;
        } else if (problem.equals("true")) {
            problemsOnly = true;
        } else {
            throw ApiProblem.badRequest("problem", "problem must be true or false");
        }
        ListBillingEventsUseCase.EventPage page = events.billingEvents(problemsOnly,
                CreditsResource.intParam("limit", limit), CreditsResource.intParam("offset", offset));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", page.items().stream().map(AdminBillingEventsResource::event).toList());
        m.put("total", page.total());
        return m;
    }

    private static Map<String, Object> event(StoredBillingEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", e.eventId());
        m.put("type", e.type());
        m.put("created", e.created());
        m.put("received_at", e.receivedAt());
        m.put("outcome", e.outcome());
        m.put("problem_code", e.problemCode());
        m.put("problem", e.problem());
        return m;
    }
}
