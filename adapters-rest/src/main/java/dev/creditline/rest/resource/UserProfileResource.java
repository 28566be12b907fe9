package dev.creditline.rest.resource;

import dev.creditline.application.port.in.GetProfileUseCase;
import dev.creditline.application.port.in.GetUsageBreakdownUseCase;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.domain.user.User;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Profile and usage breakdown of the signed-in user (api.md "User endpoints"). */
@Path("/api/users")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UserProfileResource {

    private final GetProfileUseCase profile;
    private final GetUsageBreakdownUseCase usage;

    public UserProfileResource(GetProfileUseCase profile, GetUsageBreakdownUseCase usage) {
        this.profile = profile;
        this.usage = usage;
    }

    /**
     * {@code {id, email, name, image, created_at, plan, credits_balance, monthly_allowance,
     * monthly_credits_granted_at, signup_bonus_granted, connected_accounts:[{provider, created_at}],
     * stats:{...}, billing_state:{managed_by, status, interval, period_end, cancel_at_period_end}}}.
     */
    @GET
    @Path("profile")
    public Map<String, Object> profile(@Context ContainerRequestContext request) {
        GetProfileUseCase.Profile p = profile.profile(Caller.of(request).user().id());
        User u = p.user();
        BillingAccount b = p.billing();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("name", u.name());
        m.put("image", u.image());
        m.put("created_at", u.createdAt());
        m.put("plan", u.plan());
        m.put("credits_balance", u.creditsBalance());
        m.put("monthly_allowance", p.monthlyAllowance());
        m.put("monthly_credits_granted_at", u.monthlyCreditsGrantedAt());
        m.put("signup_bonus_granted", u.signupBonusGrantedAt() != null);
        m.put("connected_accounts", p.accounts().stream().map(a -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("provider", a.provider());
            x.put("created_at", a.createdAt());
            return x;
        }).toList());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_documents", p.stats().totalDocuments());
        stats.put("total_sessions", p.stats().totalSessions());
        stats.put("total_messages", p.stats().totalMessages());
        stats.put("total_credits_spent", p.stats().totalCreditsSpent());
        stats.put("total_tokens_used", p.stats().totalTokensUsed());
        m.put("stats", stats);
        Map<String, Object> billing = new LinkedHashMap<>();
        billing.put("managed_by", b.stripeSubscriptionId() != null ? "stripe" : "none");
        billing.put("status", b.subscriptionStatus());
        billing.put("interval", p.interval());
        billing.put("period_end", b.periodEnd());
        billing.put("cancel_at_period_end", b.cancelAtPeriodEnd());
        m.put("billing_state", billing);
        return m;
    }

    /** {@code {by_model:[{model, total_calls, total_tokens, total_credits}]}} ordered by model. */
    @GET
    @Path("usage-breakdown")
    public Map<String, Object> usageBreakdown(@Context ContainerRequestContext request) {
        return Map.of("by_model", usage.usageBreakdown(Caller.of(request).user().id()).stream().map(u -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("model", u.model());
            x.put("total_calls", u.totalCalls());
            x.put("total_tokens", u.totalTokens());
            x.put("total_credits", u.totalCredits());
            return x;
        }).toList());
    }
}
