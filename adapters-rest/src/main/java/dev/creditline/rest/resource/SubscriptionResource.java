package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.CancelSubscriptionUseCase;
import dev.creditline.application.port.in.OpenBillingPortalUseCase;
import dev.creditline.application.port.in.SubscribeUseCase;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.json.JsonFields;
import dev.creditline.rest.json.ObjectMappers;
import dev.creditline.rest.problem.ApiProblem;
import dev.creditline.rest.resource.CreditPacksResource.CheckoutResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * The signed-in user's subscription ({@code /api/billing/subscribe|portal|cancel}, bearer; api.md
 * "Billing", billing.md): start one, manage it at Stripe, cancel it at the period end.
 */
@Path("/api/billing")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionResource {

    /** {@code {portal_url}}: the Stripe customer portal. */
    public record PortalResponse(@JsonProperty("portal_url") String portalUrl) {
    }

    /** {@code {status: "scheduled_cancel", effective_at}}. */
    public record CancelResponse(String status, @JsonProperty("effective_at") Instant effectiveAt) {
    }

    private final SubscribeUseCase subscribe;
    private final OpenBillingPortalUseCase portal;
    private final CancelSubscriptionUseCase cancel;

    public SubscriptionResource(SubscribeUseCase subscribe, OpenBillingPortalUseCase portal,
                                CancelSubscriptionUseCase cancel) {
        this.subscribe = subscribe;
        this.portal = portal;
        this.cancel = cancel;
    }

    /**
     * Body {@code {plan?="pro"}} (optional, any content type) → {@code {checkout_url}}; already subscribed
     * → 409. The body is read by hand because it may be absent or sent without a JSON content type.
     */
    @POST
    @Path("subscribe")
    @Consumes(MediaType.WILDCARD)
    public CheckoutResponse subscribe(@Context ContainerRequestContext request, String body) {
        String plan = "pro";
        if (body != null && !body.isBlank()) {
            JsonNode json;
            try {
                json = ObjectMappers.shared().readTree(body);
            } catch (JsonProcessingException e) {
                throw ApiProblem.badRequest("body", "body must be a JSON object like {\"plan\":\"pro\"}");
            }
            if (json != null && !json.isNull()) {
                plan = JsonFields.of(json).optionalText("plan").orElse("pro");
            }
        }
        return new CheckoutResponse(subscribe.startSubscriptionCheckout(Caller.userId(request), plan));
    }

    /** → {@code {portal_url}}; no Stripe customer → 400. */
    @POST
    @Path("portal")
    public PortalResponse portal(@Context ContainerRequestContext request) {
        return new PortalResponse(portal.openPortal(Caller.userId(request)));
    }

    /** → {@code {status:"scheduled_cancel", effective_at}}; nothing to cancel → 409. */
    @POST
    @Path("cancel")
    public CancelResponse cancel(@Context ContainerRequestContext request) {
        return new CancelResponse("scheduled_cancel", cancel.cancelAtPeriodEnd(Caller.userId(request)));
    }
}
