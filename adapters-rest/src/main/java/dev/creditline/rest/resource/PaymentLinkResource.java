package dev.creditline.rest.resource;

import dev.creditline.application.port.in.FollowPaymentLinkUseCase;
import dev.creditline.domain.ValidationException;
import dev.creditline.rest.json.Uuids;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/**
 * {@code GET /api/billing/payment-link/checkout?user=&exp=&sig=}: the signed payment link that
 * {@code /api/user/info} and {@code /api/user/credit/payment-link} hand out (docs/billing.md
 * "Payment link"). No bearer token: the signature is the authentication. Following it creates or
 * reuses the user's open Checkout Session for the default pack and answers 302 to Stripe; a bad
 * or expired link is 403 {@code INVALID_PAYMENT_LINK}; missing or malformed parameters 400.
 */
@Path("/api/billing/payment-link/checkout")
@Produces(MediaType.APPLICATION_JSON)
public final class PaymentLinkResource {

    private final FollowPaymentLinkUseCase follow;

    public PaymentLinkResource(FollowPaymentLinkUseCase follow) {
        this.follow = follow;
    }

    /** 302 {@code Location: <Stripe Checkout URL>}. */
    @GET
    public Response follow(@QueryParam("user") String user, @QueryParam("exp") String exp,
                           @QueryParam("sig") String sig) {
        UUID userId = Uuids.parse(user == null ? "" : user)
                .orElseThrow(() -> new ValidationException("user", "must be a user id"));
        long expiresAt;
        // The link's own format, signed with it (not a query parameter a client composes): any long
        // Java reads, a wrong one failing the signature check (403) rather than QueryParams' rules.
        try {
            expiresAt = Long.parseLong(exp == null ? "" : exp.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException("exp", "must be Unix seconds");
        }
        if (sig == null || sig.isBlank() || sig.length() > 128) {
            throw new ValidationException("sig", "is required");
        }
        return Response.status(Response.Status.FOUND).location(URI.create(follow.follow(userId, expiresAt, sig)))
                .build();
    }
}
