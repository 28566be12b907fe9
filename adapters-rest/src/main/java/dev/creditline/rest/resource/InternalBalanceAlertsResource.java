package dev.creditline.rest.resource;

import dev.creditline.application.port.in.BalanceAlertsUseCase;
import dev.creditline.domain.ValidationException;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.Uuids;
import dev.creditline.rest.resource.BalanceAlertsResource.AlertsRequest;
import dev.creditline.rest.resource.BalanceAlertsResource.AlertsResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * A user's low-balance thresholds for the host app's backend
 * ({@code GET/PUT /api/internal/users/{id}/alerts}, {@code X-Service-Secret}).
 */
@Path("/api/internal/users/{id}/alerts")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class InternalBalanceAlertsResource {

    private final BalanceAlertsUseCase alerts;

    public InternalBalanceAlertsResource(BalanceAlertsUseCase alerts) {
        this.alerts = alerts;
    }

    /** The thresholds in effect; 404 for an unknown user. */
    @GET
    public AlertsResponse get(@PathParam("id") String id) {
        return AlertsResponse.of(alerts.alerts(userId(id)));
    }

    /** Replaces the thresholds; 400 naming the field for bad input, 404 for an unknown user. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public AlertsResponse put(@PathParam("id") String id, AlertsRequest body) {
        UUID userId = userId(id);
        if (body == null) {
            throw new ValidationException("thresholds", "is required (a JSON body {\"thresholds\":[…]})");
        }
        return AlertsResponse.of(alerts.setAlerts(userId, body.thresholds()));
    }

    private static UUID userId(String id) {
        return Uuids.parse(id).orElseThrow(() -> new ValidationException("id", "must be a UUID"));
    }
}
