package dev.creditline.rest.resource;

import dev.creditline.application.port.in.analytics.ListModelCallsUseCase;
import dev.creditline.domain.analytics.ModelCallFilter;
import dev.creditline.domain.analytics.ModelCallPage;
import dev.creditline.domain.analytics.ModelCallView;
import dev.creditline.domain.ValidationException;
import dev.creditline.rest.auth.BearerAuthFilter;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/user/model-calls} (bearer; analytics.md "Model calls"): the caller's model calls newest
 * first, or everyone's with {@code allUsers=true} (admin or owner, else 403).
 */
@Path("/api/user")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class ModelCallsResource {

    /** Token and unit counts of a call. */
    public record UsageMetrics(long inputTokens, long outputTokens, long cacheCreationInputTokens,
                               long cacheReadInputTokens, long images, long mediaSeconds) {
    }

    /**
     * One call: {@code credits} charged, {@code duration} in seconds (null when unknown), {@code callTime} a
     * UTC instant.
     */
    public record ModelCallJson(UUID id, UUID userDid, String appDid, String providerId, String model, String type,
                                String status, long totalUsage, UsageMetrics usageMetrics, long credits,
                                Double duration, Instant callTime, String errorReason, String requestId) {
        static ModelCallJson of(ModelCallView c) {
            return new ModelCallJson(c.id(), c.userId(), c.appId(), c.providerId(), c.model(), c.type(), c.status(),
                    c.totalUsage(), new UsageMetrics(c.inputTokens(), c.outputTokens(), c.cacheCreationInputTokens(),
                    c.cacheReadInputTokens(), c.images(), c.mediaSeconds()), c.credits(),
                    c.durationMs() == null ? null : c.durationMs() / 1000.0, c.callTime(), c.errorReason(),
                    c.requestId());
        }
    }

    /** The page asked for; {@code countCapped} when {@code count} stopped at 10,000. */
    public record Paging(int page, int pageSize, boolean countCapped) {
    }

    /** {@code {count, list, paging}}. */
    public record ModelCallsResponse(long count, List<ModelCallJson> list, Paging paging) {
    }

    private final ListModelCallsUseCase list;

    public ModelCallsResource(ListModelCallsUseCase list) {
        this.list = list;
    }

    /** A page of calls; {@code startTime}/{@code endTime} inclusive Unix seconds. */
    @GET
    @Path("model-calls")
    public ModelCallsResponse modelCalls(@Context ContainerRequestContext request,
                                         @QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                         @QueryParam("startTime") String startTime,
                                         @QueryParam("endTime") String endTime, @QueryParam("search") String search,
                                         @QueryParam("status") String status, @QueryParam("model") String model,
                                         @QueryParam("providerId") String providerId,
                                         @QueryParam("appDid") String appDid,
                                         @QueryParam("allUsers") String allUsers) {
        ModelCallFilter filter = filter(request, startTime, endTime, search, status, model, providerId, appDid,
                allUsers);
        int p = QueryParams.pageNumber("page", page, 1);
        int size = QueryParams.pageNumber("pageSize", pageSize, 50);
        ModelCallPage result = list.list(filter, p, size);
        return new ModelCallsResponse(result.count(), result.list().stream().map(ModelCallJson::of).toList(),
                new Paging(p, size, result.countCapped()));
    }

    /**
     * The filter of the list and the export: {@code allUsers} needs an admin (403 otherwise);
     * {@code status} is {@code success}, {@code failed} or {@code all}; times are inclusive Unix seconds.
     */
    static ModelCallFilter filter(ContainerRequestContext request, String startTime, String endTime, String search,
                                  String status, String model, String providerId, String appDid, String allUsers) {
        boolean all = QueryParams.flag("allUsers", allUsers);
        if (all) {
            BearerAuthFilter.requireAdmin(request);
        }
        Optional<String> st = QueryParams.text(status);
        if (st.isPresent() && !st.get().equals("success") && !st.get().equals("failed") && !st.get().equals("all")) {
            throw new ValidationException("status", "must be success, failed or all");
        }
        return new ModelCallFilter(all ? Optional.empty() : Optional.of(Caller.userId(request)),
                QueryParams.unixSeconds("startTime", startTime),
                QueryParams.inclusiveEnd("endTime", endTime),
                QueryParams.text(search),
                st.filter(s -> !s.equals("all")),
                QueryParams.text(model),
                QueryParams.text(providerId),
                QueryParams.text(appDid));
    }
}
