package dev.creditline.rest.resource;

import dev.creditline.application.port.in.HandleBillingWebhookUseCase;
import dev.creditline.application.port.out.billing.WebhookSignatureException;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/billing/webhook} (api.md "Billing"; billing.md "Webhook"): Stripe's events, authenticated
 * by the {@code Stripe-Signature} over the raw body (so the body is bytes, never bound).
 */
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
public final class StripeWebhookResource {

    /** {@code {"received": true}}. */
    public record ReceivedResponse(boolean received) {
    }

    private final HandleBillingWebhookUseCase webhook;

    public StripeWebhookResource(HandleBillingWebhookUseCase webhook) {
        this.webhook = webhook;
    }

    /**
     * {@code {"received": true}} for processed, duplicate and recorded-problem events; 400 for a missing or
     * bad signature or a stale or future timestamp (nothing written); 503 when {@code STRIPE_WEBHOOK_SECRET}
     * is unset.
     */
    @POST
    @Path("webhook")
    @Consumes(MediaType.WILDCARD)
    public ReceivedResponse webhook(@HeaderParam("Stripe-Signature") String signature, byte[] body) {
        try {
            webhook.handle(body == null ? new byte[0] : body, signature);
        } catch (WebhookSignatureException e) {
            throw new ApiProblem(400, e.code(), "Bad Request", "Webhook refused: " + e.getMessage())
                    .with("reason", e.reason().name());
        }
        return new ReceivedResponse(true);
    }
}
