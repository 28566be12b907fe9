package dev.creditline.rest.resource;

import dev.creditline.application.port.in.events.WebhookDeliveriesUseCase;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.event.WebhookNotFoundException;
import dev.creditline.rest.auth.BearerAuthFilter;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.json.Uuids;
import dev.creditline.rest.resource.WebhookEndpointRequests.DeliveryList;
import dev.creditline.rest.resource.WebhookEndpointRequests.DeliveryResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * Webhook deliveries for admins (bearer + admin; docs/events.md "Admin API"):
 * {@code GET /api/admin/webhook-deliveries?status=&endpointId=&eventType=&limit=&offset=} →
 * {@code {items, total}} newest first; {@code POST /api/admin/webhook-deliveries/{id}/retry} →
 * the delivery, pending and due now with a fresh retry window. A bad filter → 400 naming it;
 * unknown id → 404; non-admin → 403.
 */
@Path("/api/admin/webhook-deliveries")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AdminWebhookDeliveriesResource {

    /** Default and largest page. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_OFFSET = 100_000;

    private final WebhookDeliveriesUseCase deliveries;

    public AdminWebhookDeliveriesResource(WebhookDeliveriesUseCase deliveries) {
        this.deliveries = deliveries;
    }

    /** The filtered list; see the class comment. */
    @GET
    public DeliveryList list(@Context ContainerRequestContext request, @QueryParam("status") String status,
                             @QueryParam("endpointId") String endpointId, @QueryParam("eventType") String eventType,
                             @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        BearerAuthFilter.requireAdmin(request);
        UUID endpoint = blank(endpointId) ? null : Uuids.parse(endpointId)
                .orElseThrow(() -> new ValidationException("endpointId", "must be a UUID"));
        WebhookDeliveriesUseCase.DeliveryPage page = deliveries.list(blank(status) ? null : status, endpoint,
                blank(eventType) ? null : eventType, bounded("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                bounded("offset", offset, 0, 0, MAX_OFFSET));
        return new DeliveryList(page.items().stream().map(DeliveryResponse::of).toList(), page.total());
    }

    /** Attempts the delivery again now. */
    @POST
    @Path("{id}/retry")
    public DeliveryResponse retry(@Context ContainerRequestContext request, @PathParam("id") String id) {
        BearerAuthFilter.requireAdmin(request);
        UUID delivery = Uuids.parse(id).orElseThrow(() -> new WebhookNotFoundException("webhook delivery "
                + AdminWebhookEndpointsResource.abbreviated(id)));
        return DeliveryResponse.of(deliveries.retry(delivery));
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    private static int bounded(String name, String value, int otherwise, int min, int max) {
        if (blank(value)) {
            return otherwise;
        }
        if (!value.matches("-?\\d{1,9}")) {
            throw new ValidationException(name, "must be a whole number between " + min + " and " + max);
        }
        int v = Integer.parseInt(value);
        if (v < min || v > max) {
            throw new ValidationException(name, "must be between " + min + " and " + max);
        }
        return v;
    }
}
