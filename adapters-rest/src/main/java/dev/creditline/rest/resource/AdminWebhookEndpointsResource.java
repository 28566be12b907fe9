package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.events.ManageWebhookEndpointsUseCase;
import dev.creditline.domain.event.WebhookNotFoundException;
import dev.creditline.rest.auth.BearerAuthFilter;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.json.Uuids;
import dev.creditline.rest.resource.WebhookEndpointRequests.CreateEndpointRequest;
import dev.creditline.rest.resource.WebhookEndpointRequests.EndpointDeleted;
import dev.creditline.rest.resource.WebhookEndpointRequests.EndpointList;
import dev.creditline.rest.resource.WebhookEndpointRequests.EndpointResponse;
import dev.creditline.rest.resource.WebhookEndpointRequests.UpdateEndpointRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * Webhook endpoints for admins (bearer + admin; docs/events.md "Admin API"):
 * {@code POST /api/admin/webhook-endpoints {url, eventTypes?, description?}} → 201 with the
 * {@code secret} (shown only here and after a rotation); {@code GET} lists, {@code GET /{id}} shows,
 * {@code PATCH /{id} {url?, eventTypes?, description?, enabled?, rotateSecret?}} changes,
 * {@code DELETE /{id}} deletes (with its deliveries). A bad URL (not https, credentials, a host
 * that does not resolve or answer), an unknown event type or a long description → 400 naming the
 * field, nothing written; unknown id → 404; non-admin → 403.
 */
@Path("/api/admin/webhook-endpoints")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AdminWebhookEndpointsResource {

    private final ManageWebhookEndpointsUseCase endpoints;

    public AdminWebhookEndpointsResource(ManageWebhookEndpointsUseCase endpoints) {
        this.endpoints = endpoints;
    }

    /** Creates an endpoint; see the class comment. */
    @POST
    public Response create(@Context ContainerRequestContext request, JsonNode body) {
        BearerAuthFilter.requireAdmin(request);
        CreateEndpointRequest r = CreateEndpointRequest.parse(body);
        return Response.status(201).entity(EndpointResponse.of(endpoints.create(r.command()))).build();
    }

    /** Every endpoint, oldest first. */
    @GET
    public EndpointList list(@Context ContainerRequestContext request) {
        BearerAuthFilter.requireAdmin(request);
        var items = endpoints.list().stream().map(EndpointResponse::of).toList();
        return new EndpointList(items, items.size());
    }

    /** One endpoint. */
    @GET
    @Path("{id}")
    public EndpointResponse get(@Context ContainerRequestContext request, @PathParam("id") String id) {
        BearerAuthFilter.requireAdmin(request);
        return EndpointResponse.of(endpoints.get(endpointId(id)));
    }

    /** Changes an endpoint; {@code rotateSecret: true} answers the new secret once. */
    @PATCH
    @Path("{id}")
    public EndpointResponse update(@Context ContainerRequestContext request, @PathParam("id") String id,
                                   JsonNode body) {
        BearerAuthFilter.requireAdmin(request);
        UUID endpoint = endpointId(id);
        UpdateEndpointRequest r = UpdateEndpointRequest.parse(body);
        return EndpointResponse.of(endpoints.update(endpoint, r.command()));
    }

    /** Deletes an endpoint and its deliveries. */
    @DELETE
    @Path("{id}")
    public EndpointDeleted delete(@Context ContainerRequestContext request, @PathParam("id") String id) {
        BearerAuthFilter.requireAdmin(request);
        UUID endpoint = endpointId(id);
        endpoints.delete(endpoint);
        return new EndpointDeleted(endpoint, true);
    }

    /** An endpoint id of the path; anything but a UUID names no endpoint (404). */
    static UUID endpointId(String id) {
        return Uuids.parse(id).orElseThrow(() -> new WebhookNotFoundException("webhook endpoint " + abbreviated(id)));
    }

    static String abbreviated(String s) {
        String t = s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return t.replaceAll("[\\p{Cntrl}]", "?");
    }
}
