package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.creditline.application.port.in.BalanceAlertsUseCase;
import dev.creditline.domain.ValidationException;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.json.WholeNumbers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The signed-in user's low-balance thresholds ({@code GET/PUT /api/users/me/alerts}, bearer;
 * events.md "Balance thresholds").
 */
@Path("/api/users/me/alerts")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class BalanceAlertsResource {

    /** {@code {thresholds:[credits…]}}; {@code []} switches the alerts off. */
    public record AlertsRequest(@JsonDeserialize(contentUsing = WholeNumbers.LongOnly.class) List<Long> thresholds) {
    }

    /** The thresholds in effect (ascending credits) and whether they are the service's defaults. */
    public record AlertsResponse(List<Long> thresholds, boolean defaults) {
        static AlertsResponse of(BalanceAlertsUseCase.AlertSettings s) {
            return new AlertsResponse(s.thresholds(), s.defaults());
        }
    }

    private final BalanceAlertsUseCase alerts;

    public BalanceAlertsResource(BalanceAlertsUseCase alerts) {
        this.alerts = alerts;
    }

    /** The thresholds in effect. */
    @GET
    public AlertsResponse get(@Context ContainerRequestContext request) {
        return AlertsResponse.of(alerts.alerts(Caller.of(request).user().id()));
    }

    /** Replaces the thresholds; 400 naming {@code thresholds} / {@code thresholds[i]} for bad input. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public AlertsResponse put(@Context ContainerRequestContext request, AlertsRequest body) {
        if (body == null) {
            throw new ValidationException("thresholds", "is required (a JSON body {\"thresholds\":[…]})");
        }
        return AlertsResponse.of(alerts.setAlerts(Caller.of(request).user().id(), body.thresholds()));
    }
}
