package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.application.port.in.AutoTopUpUseCase;
import dev.creditline.domain.billing.CheckoutSession;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Saves a card for auto top-up ({@code POST /api/billing/payment-method}, bearer): a Stripe
 * Checkout Session in {@code setup} mode; Stripe's {@code setup_intent.succeeded} webhook stores
 * the card. 503 when Stripe is not configured.
 */
@Path("/api/billing/payment-method")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class PaymentMethodResource {

    /** {@code {checkout_url}} like the other checkout answers of {@code /api/billing}. */
    public record PaymentMethodResponse(@JsonProperty("checkout_url") String checkoutUrl) {
    }

    private final AutoTopUpUseCase topUps;

    public PaymentMethodResource(AutoTopUpUseCase topUps) {
        this.topUps = topUps;
    }

    /** Opens the setup session; the body, if any, is ignored. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public PaymentMethodResponse open(@Context ContainerRequestContext request) {
        CheckoutSession session = topUps.openPaymentMethodSetup(Caller.of(request).user().id());
        return new PaymentMethodResponse(session.url());
    }
}
