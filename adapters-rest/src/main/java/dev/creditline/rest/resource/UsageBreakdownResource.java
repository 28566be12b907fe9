package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.application.port.in.GetUsageBreakdownUseCase;
import dev.creditline.domain.analytics.ModelUsage;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/users/usage-breakdown} (bearer; api.md "User endpoints"): the caller's usage by model. */
@Path("/api/users")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UsageBreakdownResource {

    /** One model's calls, tokens and credits. */
    public record ModelUsageJson(String model, @JsonProperty("total_calls") long totalCalls,
                                 @JsonProperty("total_tokens") long totalTokens,
                                 @JsonProperty("total_credits") long totalCredits) {
        static ModelUsageJson of(ModelUsage u) {
            return new ModelUsageJson(u.model(), u.totalCalls(), u.totalTokens(), u.totalCredits());
        }
    }

    /** {@code {by_model}} ordered by model. */
    public record BreakdownResponse(@JsonProperty("by_model") List<ModelUsageJson> byModel) {
    }

    private final GetUsageBreakdownUseCase usage;

    public UsageBreakdownResource(GetUsageBreakdownUseCase usage) {
        this.usage = usage;
    }

    /** The breakdown. */
    @GET
    @Path("usage-breakdown")
    public BreakdownResponse usageBreakdown(@Context ContainerRequestContext request) {
        return new BreakdownResponse(usage.usageBreakdown(Caller.userId(request)).stream().map(ModelUsageJson::of)
                .toList());
    }
}
