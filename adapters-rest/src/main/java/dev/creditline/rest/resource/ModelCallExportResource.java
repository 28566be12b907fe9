package dev.creditline.rest.resource;

import dev.creditline.application.port.in.analytics.ExportModelCallsUseCase;
import dev.creditline.domain.analytics.ModelCallFilter;
import dev.creditline.rest.auth.BearerAuthRequired;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code GET /api/user/model-calls/export} (bearer; analytics.md "Model calls"): CSV of the newest matching
 * calls (at most {@code EXPORT_MAX_ROWS}; {@code X-Export-Truncated: true} when cut), streamed from a
 * database cursor; {@code locale=zh} gives Chinese headers. Same filter as {@link ModelCallsResource}.
 */
@Path("/api/user")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class ModelCallExportResource {

    private final ExportModelCallsUseCase export;
    private final Clock clock;

    /** @param clock dates the file name (UTC day) */
    public ModelCallExportResource(ExportModelCallsUseCase export, Clock clock) {
        this.export = export;
        this.clock = clock;
    }

    /** The CSV as an attachment {@code model-calls-<UTC date>.csv}. */
    @GET
    @Path("model-calls/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response exportCalls(@Context ContainerRequestContext request,
                                @QueryParam("startTime") String startTime, @QueryParam("endTime") String endTime,
                                @QueryParam("search") String search, @QueryParam("status") String status,
                                @QueryParam("model") String model, @QueryParam("providerId") String providerId,
                                @QueryParam("appDid") String appDid, @QueryParam("allUsers") String allUsers,
                                @QueryParam("locale") String locale) {
        ModelCallFilter filter = ModelCallsResource.filter(request, startTime, endTime, search, status, model,
                providerId, appDid, allUsers);
        boolean zh = locale != null && locale.toLowerCase().startsWith("zh");
        boolean truncated = export.truncated(filter);
        StreamingOutput body = out -> ModelCallCsv.write(out, zh, sink -> export.export(filter, sink));
        Response.ResponseBuilder r = Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"model-calls-"
                        + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".csv\"");
        if (truncated) {
            r.header("X-Export-Truncated", "true");
        }
        return r.build();
    }
}
