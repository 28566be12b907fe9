package dev.creditline.rest.resource;

import dev.creditline.application.port.in.analytics.UsageStatsUseCase;
import dev.creditline.application.port.in.analytics.UsageStatsUseCase.Comparison;
import dev.creditline.application.port.in.analytics.UsageStatsUseCase.UsageReport;
import dev.creditline.rest.auth.AdminRequired;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * Usage stats and comparisons (bearer; analytics.md "Usage stats"): the caller's, or every user's for an
 * admin. Time zones by IANA {@code timezone} or {@code timezoneOffset} minutes, UTC by default; the
 * answers are the use case's records as they are.
 */
@Path("/api/user")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UsageStatsResource {

    private final UsageStatsUseCase stats;

    public UsageStatsResource(UsageStatsUseCase stats) {
        this.stats = stats;
    }

    /** Usage stats of the caller; {@code startTime} and {@code endTime} required, inclusive Unix seconds. */
    @GET
    @Path("usage-stats")
    public UsageReport usageStats(@Context ContainerRequestContext request,
                                  @QueryParam("startTime") String startTime, @QueryParam("endTime") String endTime,
                                  @QueryParam("timezone") String timezone,
                                  @QueryParam("timezoneOffset") String timezoneOffset) {
        var zone = QueryParams.zone(timezone, timezoneOffset);
        return stats.usageStats(Caller.userId(request), QueryParams.requiredUnixSeconds("startTime", startTime),
                QueryParams.requiredUnixSeconds("endTime", endTime).plusSeconds(1), zone);
    }

    /** The same over all users, computed completely (admin, else 403 before any input is read). */
    @GET
    @Path("admin/user-stats")
    @AdminRequired
    public UsageReport adminUserStats(@QueryParam("startTime") String startTime,
                                      @QueryParam("endTime") String endTime, @QueryParam("timezone") String timezone,
                                      @QueryParam("timezoneOffset") String timezoneOffset) {
        var zone = QueryParams.zone(timezone, timezoneOffset);
        return stats.allUsersStats(QueryParams.requiredUnixSeconds("startTime", startTime),
                QueryParams.requiredUnixSeconds("endTime", endTime).plusSeconds(1), zone);
    }

    /** Week to date against the same span of last week (ISO weeks in the zone). */
    @GET
    @Path("weekly-comparison")
    public Comparison weekly(@Context ContainerRequestContext request, @QueryParam("timezone") String timezone,
                             @QueryParam("timezoneOffset") String timezoneOffset) {
        return stats.weekly(Caller.userId(request), QueryParams.zone(timezone, timezoneOffset));
    }

    /** Month to date against the same span of last month. */
    @GET
    @Path("monthly-comparison")
    public Comparison monthly(@Context ContainerRequestContext request, @QueryParam("timezone") String timezone,
                              @QueryParam("timezoneOffset") String timezoneOffset) {
        return stats.monthly(Caller.userId(request), QueryParams.zone(timezone, timezoneOffset));
    }
}
