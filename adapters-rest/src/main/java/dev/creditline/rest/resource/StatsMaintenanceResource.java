package dev.creditline.rest.resource;

import dev.creditline.application.port.in.analytics.StatsCacheMaintenanceUseCase;
import dev.creditline.application.port.in.analytics.StatsCacheMaintenanceUseCase.RecalculateResult;
import dev.creditline.rest.auth.AdminRequired;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.Uuids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;

/**
 * Admin maintenance of the usage-stats cache ({@code /api/user/recalculate-stats},
 * {@code /api/user/cleanup-daily-stats}; bearer + admin, else 403 before the body is read;
 * analytics.md "Stats cache").
 */
@Path("/api/user")
@BearerAuthRequired
@AdminRequired
@Produces(MediaType.APPLICATION_JSON)
public final class StatsMaintenanceResource {

    /**
     * {@code {userDid, startTime, endTime, dryRun?}}: times inclusive Unix seconds; {@code dryRun} a JSON
     * boolean (default false).
     */
    public record RecalculateRequest(
            @NotEmpty(message = "is required") @Pattern(regexp = Uuids.REGEX, message = "must be a UUID") String userDid,
            @NotNull(message = "is required") @Min(value = 0, message = "must be Unix seconds")
            @Max(value = QueryParams.MAX_UNIX_SECONDS, message = "must be Unix seconds") Long startTime,
            @NotNull(message = "is required") @Min(value = 0, message = "must be Unix seconds")
            @Max(value = QueryParams.MAX_UNIX_SECONDS, message = "must be Unix seconds") Long endTime,
            Boolean dryRun) implements JsonRequest {
    }

    /** {@code {userDid, startTime, endTime}}: times inclusive Unix seconds. */
    public record CleanupRequest(
            @NotEmpty(message = "is required") @Pattern(regexp = Uuids.REGEX, message = "must be a UUID") String userDid,
            @NotNull(message = "is required") @Min(value = 0, message = "must be Unix seconds")
            @Max(value = QueryParams.MAX_UNIX_SECONDS, message = "must be Unix seconds") Long startTime,
            @NotNull(message = "is required") @Min(value = 0, message = "must be Unix seconds")
            @Max(value = QueryParams.MAX_UNIX_SECONDS, message = "must be Unix seconds") Long endTime)
            implements JsonRequest {
    }

    /** A dry run's answer: what a recalculation would delete and recompute. */
    public record DryRunResponse(String message, UUID userDid, long willDeleteStats, long willRecalculateHours) {
    }

    /** A recalculation's answer: hours deleted, recomputed and failed. */
    public record RecalculatedResponse(String message, long deleted, long success, long failed) {
    }

    /** {@code {message, deleted}}. */
    public record CleanupResponse(String message, long deleted) {
    }

    private final StatsCacheMaintenanceUseCase maintenance;

    public StatsMaintenanceResource(StatsCacheMaintenanceUseCase maintenance) {
        this.maintenance = maintenance;
    }

    /** A dry run → {@link DryRunResponse}, else {@link RecalculatedResponse}. */
    @POST
    @Path("recalculate-stats")
    @Consumes(MediaType.APPLICATION_JSON)
    public Object recalculate(@NotNull(message = JsonRequest.BODY_REQUIRED) @Valid RecalculateRequest body) {
        UUID user = UUID.fromString(body.userDid());
        boolean dryRun = Boolean.TRUE.equals(body.dryRun());
        RecalculateResult r = maintenance.recalculate(user, Instant.ofEpochSecond(body.startTime()),
                Instant.ofEpochSecond(body.endTime()).plusSeconds(1), dryRun);
        if (dryRun) {
            return new DryRunResponse("Dry run: nothing was changed", user, r.willDeleteStats(),
                    r.willRecalculateHours());
        }
        return new RecalculatedResponse("Stats recalculated", r.willDeleteStats(),
                r.willRecalculateHours() - r.failed(), r.failed());
    }

    /** Deletes the day roll-ups (rebuilt on demand) → {@link CleanupResponse}. */
    @POST
    @Path("cleanup-daily-stats")
    @Consumes(MediaType.APPLICATION_JSON)
    public CleanupResponse cleanupDaily(@NotNull(message = JsonRequest.BODY_REQUIRED) @Valid CleanupRequest body) {
        return new CleanupResponse("Daily stats deleted; they are rebuilt on demand",
                maintenance.cleanupDaily(UUID.fromString(body.userDid()), Instant.ofEpochSecond(body.startTime()),
                        Instant.ofEpochSecond(body.endTime()).plusSeconds(1)));
    }
}
