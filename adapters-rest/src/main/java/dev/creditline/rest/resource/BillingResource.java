package dev.creditline.rest.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditline.application.port.in.BuyCreditPackUseCase;
import dev.creditline.application.port.in.CancelSubscriptionUseCase;
import dev.creditline.application.port.in.CheckoutStatusUseCase;
import dev.creditline.application.port.in.HandleBillingWebhookUseCase;
import dev.creditline.application.port.in.ListCreditPacksUseCase;
import dev.creditline.application.port.in.OpenBillingPortalUseCase;
import dev.creditline.application.port.in.SubscribeUseCase;
import dev.creditline.application.port.out.billing.WebhookSignatureException;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.json.JsonFields;
import dev.creditline.rest.json.ObjectMappers;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe billing ({@code /api/billing}; api.md "Billing", billing.md). Products are public, the
 * webhook is authenticated by the Stripe signature, everything else needs a bearer token.
 */
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
public final class BillingResource {

    private static final ObjectMapper JSON = ObjectMappers.shared();

    private final ListCreditPacksUseCase packs;
    private final BuyCreditPackUseCase buy;
    private final SubscribeUseCase subscribe;
    private final OpenBillingPortalUseCase portal;
    private final CancelSubscriptionUseCase cancel;
    private final CheckoutStatusUseCase status;
    private final HandleBillingWebhookUseCase webhook;

    public BillingResource(ListCreditPacksUseCase packs, BuyCreditPackUseCase buy, SubscribeUseCase subscribe,
                           OpenBillingPortalUseCase portal, CancelSubscriptionUseCase cancel,
                           CheckoutStatusUseCase status, HandleBillingWebhookUseCase webhook) {
        this.packs = packs;
        this.buy = buy;
        this.subscribe = subscribe;
        this.portal = portal;
        this.cancel = cancel;
        this.status = status;
        this.webhook = webhook;
    }

    /** {@code {products:[{id, credits, price_usd}]}}; {@code price_usd} is a decimal in dollars. */
    @GET
    @Path("products")
    public Map<String, Object> products() {
        return Map.of("products", packs.creditPacks().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("credits", p.credits());
            m.put("price_usd", BigDecimal.valueOf(p.priceUsdCents(), 2));
            return m;
        }).toList());
    }

    /** {@code {checkout_url}}; missing pack → 400 naming {@code pack_id}; unknown pack → 400. */
    @POST
    @Path("checkout")
    @BearerAuthRequired
    public Map<String, Object> checkout(@Context ContainerRequestContext request, @QueryParam("pack_id") String packId) {
        if (packId == null || packId.isBlank()) {
            throw ApiProblem.badRequest("pack_id", "pack_id is required, e.g. ?pack_id=starter");
        }
        return Map.of("checkout_url", buy.startPackCheckout(userId(request), packId.trim()));
    }

    /** Body {@code {plan?="pro"}} (optional) → {@code {checkout_url}}; already subscribed → 409. */
    @POST
    @Path("subscribe")
    @BearerAuthRequired
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> subscribe(@Context ContainerRequestContext request, String body) {
        String plan = "pro";
        if (body != null && !body.isBlank()) {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw ApiProblem.badRequest("body", "body must be a JSON object like {\"plan\":\"pro\"}");
            }
            if (json != null && !json.isNull()) {
                plan = JsonFields.of(json).optionalText("plan").orElse("pro");
            }
        }
        return Map.of("checkout_url", subscribe.startSubscriptionCheckout(userId(request), plan));
    }

    /** {@code {portal_url}}; no Stripe customer → 400. */
    @POST
    @Path("portal")
    @BearerAuthRequired
    public Map<String, Object> portal(@Context ContainerRequestContext request) {
        return Map.of("portal_url", portal.openPortal(userId(request)));
    }

    /** {@code {status:"scheduled_cancel", effective_at}}; nothing to cancel → 409. */
    @POST
    @Path("cancel")
    @BearerAuthRequired
    public Map<String, Object> cancel(@Context ContainerRequestContext request) {
        Instant at = cancel.cancelAtPeriodEnd(userId(request));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "scheduled_cancel");
        m.put("effective_at", at);
        return m;
    }

    /** {@code {status: payment_pending|processing|complete|expired}}; not the caller's session → 404. */
    @GET
    @Path("checkout-status")
    @BearerAuthRequired
    public Map<String, Object> checkoutStatus(@Context ContainerRequestContext request,
                                              @QueryParam("session_id") String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 255) {
            throw ApiProblem.badRequest("session_id", "session_id is required");
        }
        return Map.of("status", status.checkoutStatus(userId(request), sessionId.trim()));
    }

    /**
     * The Stripe webhook: raw body and {@code Stripe-Signature}. {@code {"received": true}} for
     * processed, duplicate and recorded-problem events; 400 for a missing or bad signature or a
     * stale or future timestamp (nothing written); 503 when {@code STRIPE_WEBHOOK_SECRET} is unset.
     */
    @POST
    @Path("webhook")
    @Consumes(MediaType.WILDCARD)
    public Map<String, Object> webhook(@HeaderParam("Stripe-Signature") String signature, byte[] body) {
        try {
            webhook.handle(body == null ? new byte[0] : body, signature);
        } catch (WebhookSignatureException e) {
            throw new ApiProblem(400, e.code(), "Bad Request", "Webhook refused: " + e.getMessage())
                    .with("reason", e.reason().name());
        }
        return Map.of("received", true);
    }

    private static UUID userId(ContainerRequestContext request) {
        return Caller.of(request).user().id();
    }
}
