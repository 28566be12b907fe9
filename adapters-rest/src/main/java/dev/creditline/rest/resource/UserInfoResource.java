package dev.creditline.rest.resource;

import dev.creditline.application.port.in.analytics.CreditViewsUseCase;
import dev.creditline.application.port.in.analytics.CreditViewsUseCase.UserInfo;
import dev.creditline.domain.user.User;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * What the host app shows about the signed-in user and where to buy credits ({@code GET /api/user/info},
 * {@code GET /api/user/credit/payment-link}; bearer; analytics.md "Credits views"). Field names are
 * camelCase as in the original system.
 */
@Path("/api/user")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UserInfoResource {

    /** {@code {did, fullName, email, avatar}}. */
    public record UserSummary(UUID did, String fullName, String email, String avatar) {
        static UserSummary of(User u) {
            return new UserSummary(u.id(), u.name(), u.email(), u.image());
        }
    }

    /** The unit balances are shown in: always {@code {code: "credits"}}. */
    public record Currency(String code) {
        /** Credits, the only currency of the views. */
        public static final Currency CREDITS = new Currency("credits");
    }

    /**
     * {@code GET /info}.
     *
     * @param creditBalance null when credit is disabled
     * @param paymentLink   absolute URL, or null
     * @param profileLink   {@code PROFILE_LINK_URL}, or null
     */
    public record UserInfoResponse(UserSummary user, TotalsJson creditBalance, String paymentLink, Currency currency,
                                   boolean enableCredit, String profileLink) {
    }

    /** The totals inside {@code /info}: {@code {balance, total, grantCount, pendingCredit}} in credits. */
    public record TotalsJson(long balance, long total, long grantCount, long pendingCredit) {
    }

    /** {@code {paymentLink}}: an absolute URL, or null when billing is disabled. */
    public record PaymentLinkResponse(String paymentLink) {
    }

    private final CreditViewsUseCase credits;

    public UserInfoResource(CreditViewsUseCase credits) {
        this.credits = credits;
    }

    /** The user, their credit totals (null when credit is disabled), the payment and profile links. */
    @GET
    @Path("info")
    public UserInfoResponse info(@Context ContainerRequestContext request) {
        UserInfo info = credits.info(Caller.of(request).user());
        return new UserInfoResponse(UserSummary.of(info.user()),
                info.creditBalance().map(t -> new TotalsJson(t.balance(), t.total(), t.grantCount(), t.pendingCredit()))
                        .orElse(null),
                info.paymentLink().map(l -> absolute(request, l)).orElse(null), Currency.CREDITS,
                info.enableCredit(), info.profileLink().orElse(null));
    }

    /** The payment link alone. */
    @GET
    @Path("credit/payment-link")
    public PaymentLinkResponse paymentLink(@Context ContainerRequestContext request) {
        return new PaymentLinkResponse(credits.paymentLink(Caller.userId(request)).map(l -> absolute(request, l))
                .orElse(null));
    }

    /** A link given as a path of this service (the signed payment link) made absolute with the request's base URI. */
    private static String absolute(ContainerRequestContext request, String link) {
        if (!link.startsWith("/")) {
            return link;
        }
        String base = request.getUriInfo().getBaseUri().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + link;
    }
}
