package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.creditline.application.port.in.AutoTopUpUseCase;
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

/**
 * The signed-in user's auto top-up setting ({@code GET/PUT /api/billing/auto-topup}, bearer;
 * events.md "Auto top-up"). 503 when Stripe is not configured.
 */
@Path("/api/billing/auto-topup")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AutoTopUpResource {

    /** {@code {enabled, threshold, packId, monthlyLimit}}, all required. */
    public record AutoTopUpRequest(Boolean enabled,
                                   @JsonDeserialize(using = WholeNumbers.LongOnly.class) Long threshold,
                                   String packId,
                                   @JsonDeserialize(using = WholeNumbers.IntOnly.class) Integer monthlyLimit) {
    }

    /**
     * The setting; {@code threshold}, {@code packId}, {@code monthlyLimit} null when never saved;
     * {@code consecutiveFailures} payment failures in a row (3 switch it off).
     */
    public record AutoTopUpResponse(boolean enabled, Long threshold, String packId, Integer monthlyLimit,
                                    int consecutiveFailures, boolean paymentMethodSaved) {
        static AutoTopUpResponse of(AutoTopUpUseCase.AutoTopUpView v) {
            return new AutoTopUpResponse(v.enabled(), v.threshold(), v.packId(), v.monthlyLimit(),
                    v.consecutiveFailures(), v.paymentMethodSaved());
        }
    }

    private final AutoTopUpUseCase topUps;

    public AutoTopUpResource(AutoTopUpUseCase topUps) {
        this.topUps = topUps;
    }

    /** The current setting. */
    @GET
    public AutoTopUpResponse get(@Context ContainerRequestContext request) {
        return AutoTopUpResponse.of(topUps.autoTopUp(Caller.of(request).user().id()));
    }

    /** Saves the setting; 400 naming the field for bad input. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public AutoTopUpResponse put(@Context ContainerRequestContext request, AutoTopUpRequest body) {
        if (body == null) {
            throw new ValidationException("enabled", "is required (a JSON body {enabled, threshold, packId, monthlyLimit})");
        }
        if (body.enabled() == null) {
            throw new ValidationException("enabled", "is required (true or false)");
        }
        if (body.threshold() == null) {
            throw new ValidationException("threshold", "is required (credits)");
        }
        if (body.packId() == null || body.packId().isBlank()) {
            throw new ValidationException("packId", "is required (a credit pack id)");
        }
        if (body.monthlyLimit() == null) {
            throw new ValidationException("monthlyLimit", "is required (top-ups per calendar month)");
        }
        return AutoTopUpResponse.of(topUps.updateAutoTopUp(Caller.of(request).user().id(),
                new AutoTopUpUseCase.UpdateAutoTopUp(body.enabled(), body.threshold(), body.packId(),
                        body.monthlyLimit())));
    }
}
