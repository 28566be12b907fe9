package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.application.port.in.GetProfileUseCase;
import dev.creditline.domain.analytics.UsageStats;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.domain.billing.SubscriptionStatus;
import dev.creditline.domain.user.LinkedAccount;
import dev.creditline.domain.user.User;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /api/users/profile} (bearer; api.md "User endpoints"): the signed-in user's profile. */
@Path("/api/users")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UserProfileResource {

    /** A linked sign-in provider. */
    public record ConnectedAccount(String provider, @JsonProperty("created_at") Instant createdAt) {
        static ConnectedAccount of(LinkedAccount a) {
            return new ConnectedAccount(a.provider(), a.createdAt());
        }
    }

    /** Lifetime usage counts; credits and tokens summed over every model call. */
    public record StatsJson(@JsonProperty("total_documents") long totalDocuments,
                            @JsonProperty("total_sessions") long totalSessions,
                            @JsonProperty("total_messages") long totalMessages,
                            @JsonProperty("total_credits_spent") long totalCreditsSpent,
                            @JsonProperty("total_tokens_used") long totalTokensUsed) {
        static StatsJson of(UsageStats s) {
            return new StatsJson(s.totalDocuments(), s.totalSessions(), s.totalMessages(), s.totalCreditsSpent(),
                    s.totalTokensUsed());
        }
    }

    /**
     * Who manages the plan ({@code stripe} or {@code none}) and the subscription's state; {@code status} is the
     * status's storage name ({@code active}, {@code past_due}, …), as stored.
     */
    public record BillingState(@JsonProperty("managed_by") String managedBy, String status, String interval,
                               @JsonProperty("period_end") Instant periodEnd,
                               @JsonProperty("cancel_at_period_end") boolean cancelAtPeriodEnd) {
        static BillingState of(BillingAccount b, String interval) {
            return new BillingState(b.stripeSubscriptionId() != null ? "stripe" : "none",
                    SubscriptionStatus.storageNameOf(b.subscriptionStatus()), interval, b.periodEnd(), b.cancelAtPeriodEnd());
        }
    }

    /** The profile; credits in credits, instants in UTC. */
    public record ProfileResponse(UUID id, String email, String name, String image,
                                  @JsonProperty("created_at") Instant createdAt, String plan,
                                  @JsonProperty("credits_balance") long creditsBalance,
                                  @JsonProperty("monthly_allowance") long monthlyAllowance,
                                  @JsonProperty("monthly_credits_granted_at") Instant monthlyCreditsGrantedAt,
                                  @JsonProperty("signup_bonus_granted") boolean signupBonusGranted,
                                  @JsonProperty("connected_accounts") List<ConnectedAccount> connectedAccounts,
                                  StatsJson stats, @JsonProperty("billing_state") BillingState billingState) {
    }

    private final GetProfileUseCase profile;

    public UserProfileResource(GetProfileUseCase profile) {
        this.profile = profile;
    }

    /**
     * {@code {id, email, name, image, created_at, plan, credits_balance, monthly_allowance,
     * monthly_credits_granted_at, signup_bonus_granted, connected_accounts, stats, billing_state}}.
     */
    @GET
    @Path("profile")
    public ProfileResponse profile(@Context ContainerRequestContext request) {
        GetProfileUseCase.Profile p = profile.profile(Caller.userId(request));
        User u = p.user();
        return new ProfileResponse(u.id(), u.email(), u.name(), u.image(), u.createdAt(), u.plan(),
                u.creditsBalance(), p.monthlyAllowance(), u.monthlyCreditsGrantedAt(), u.signupBonusGrantedAt() != null,
                p.accounts().stream().map(ConnectedAccount::of).toList(), StatsJson.of(p.stats()),
                BillingState.of(p.billing(), p.interval()));
    }
}
