package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.application.port.in.BuyCreditPackUseCase;
import dev.creditline.application.port.in.ListCreditPacksUseCase;
import dev.creditline.domain.plan.CreditPack;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Credit packs ({@code /api/billing}; api.md "Billing", billing.md): the public list and the bearer
 * checkout of one pack.
 */
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
public final class CreditPacksResource {

    /** One pack: {@code price_usd} a decimal in dollars. */
    public record ProductJson(String id, long credits, @JsonProperty("price_usd") BigDecimal priceUsd) {
        static ProductJson of(CreditPack p) {
            return new ProductJson(p.id(), p.credits(), BigDecimal.valueOf(p.priceUsdCents(), 2));
        }
    }

    /** {@code {products}}. */
    public record ProductsResponse(List<ProductJson> products) {
    }

    /** {@code {checkout_url}}: the Stripe Checkout page. */
    public record CheckoutResponse(@JsonProperty("checkout_url") String checkoutUrl) {
    }

    private final ListCreditPacksUseCase packs;
    private final BuyCreditPackUseCase buy;

    public CreditPacksResource(ListCreditPacksUseCase packs, BuyCreditPackUseCase buy) {
        this.packs = packs;
        this.buy = buy;
    }

    /** The configured packs; no authentication. */
    @GET
    @Path("products")
    public ProductsResponse products() {
        return new ProductsResponse(packs.creditPacks().stream().map(ProductJson::of).toList());
    }

    /** {@code ?pack_id=} → a Checkout Session; missing pack → 400 naming {@code pack_id}; unknown pack → 400. */
    @POST
    @Path("checkout")
    @BearerAuthRequired
    public CheckoutResponse checkout(@Context ContainerRequestContext request, @QueryParam("pack_id") String packId) {
        Optional<String> pack = QueryParams.text(packId);
        if (pack.isEmpty()) {
            throw ApiProblem.badRequest("pack_id", "pack_id is required, e.g. ?pack_id=starter");
        }
        return new CheckoutResponse(buy.startPackCheckout(Caller.userId(request), pack.get()));
    }
}
