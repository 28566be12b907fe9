package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.analytics.CreditViewsUseCase;
import dev.creditline.application.port.in.analytics.CreditViewsUseCase.UserInfo;
import dev.creditline.application.port.in.analytics.ExportModelCallsUseCase;
import dev.creditline.application.port.in.analytics.ListModelCallsUseCase;
import dev.creditline.domain.analytics.ModelCallFilter;
import dev.creditline.application.port.in.analytics.StatsCacheMaintenanceUseCase;
import dev.creditline.application.port.in.analytics.StatsCacheMaintenanceUseCase.RecalculateResult;
import dev.creditline.application.port.in.analytics.UsageStatsUseCase;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.domain.analytics.CreditTotals;
import dev.creditline.domain.analytics.ModelCallPage;
import dev.creditline.domain.analytics.ModelCallView;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.analytics.TimeZones;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.user.User;
import dev.creditline.rest.auth.BearerAuthFilter;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.json.JsonFields;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The User Service family ({@code /api/user}, bearer; api.md "User Service family",
 * analytics.md): user info, credit views, model-call history and CSV export, usage stats and
 * comparisons, and admin stats-cache maintenance. Response field names are camelCase as in the
 * original system. Every malformed or out-of-range parameter is a 400 naming the field; admin
 * paths and {@code allUsers=true} need an admin or owner (403 otherwise).
 */
@Path("/api/user")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class UserServiceResource {

    private static final long MAX_UNIX_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private final CreditViewsUseCase credits;
    private final ListModelCallsUseCase list;
    private final ExportModelCallsUseCase export;
    private final UsageStatsUseCase stats;
    private final StatsCacheMaintenanceUseCase maintenance;
    private final Clock clock;

    public UserServiceResource(CreditViewsUseCase credits, ListModelCallsUseCase list, ExportModelCallsUseCase export,
                               UsageStatsUseCase stats, StatsCacheMaintenanceUseCase maintenance, Clock clock) {
        this.credits = credits;
        this.list = list;
        this.export = export;
        this.stats = stats;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    /**
     * {@code {user:{did, fullName, email, avatar}, creditBalance:{balance, total, grantCount,
     * pendingCredit}|null, paymentLink|null, currency:{code}, enableCredit, profileLink|null}}.
     */
    @GET
    @Path("info")
    public Map<String, Object> info(@Context ContainerRequestContext request) {
        UserInfo info = credits.info(Caller.of(request).user());
        User u = info.user();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("did", u.id());
        user.put("fullName", u.name());
        user.put("email", u.email());
        user.put("avatar", u.image());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", user);
        m.put("creditBalance", info.creditBalance().map(t -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("balance", t.balance());
            b.put("total", t.total());
            b.put("grantCount", t.grantCount());
            b.put("pendingCredit", t.pendingCredit());
            return b;
        }).orElse(null));
        m.put("paymentLink", info.paymentLink().map(l -> absolute(request, l)).orElse(null));
        m.put("currency", currency());
        m.put("enableCredit", info.enableCredit());
        m.put("profileLink", info.profileLink().orElse(null));
        return m;
    }

    /** Every ledger entry, same shape as the grants of {@link UserCreditResource} without the lot fields. */
    @GET
    @Path("credit/transactions")
    public Map<String, Object> transactions(@Context ContainerRequestContext request, @QueryParam("page") String page,
                                            @QueryParam("pageSize") String pageSize,
                                            @QueryParam("start") String start, @QueryParam("end") String end) {
        return ledgerPage(request, false, page, pageSize, start, end);
    }

    /** {@code {paymentLink}}: a URL, or null when billing is disabled. */
    @GET
    @Path("credit/payment-link")
    public Map<String, Object> paymentLink(@Context ContainerRequestContext request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("paymentLink", credits.paymentLink(userId(request)).map(l -> absolute(request, l)).orElse(null));
        return m;
    }

    /** A link given as a path of this service (the signed payment link) made absolute with the request's base URI. */
    private static String absolute(ContainerRequestContext request, String link) {
        if (!link.startsWith("/")) {
            return link;
        }
        String base = request.getUriInfo().getBaseUri().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + link;
    }

    /**
     * {@code {count, list:[...], paging:{page, pageSize, countCapped}}} newest first (analytics.md
     * "Model calls"); {@code count} stops at 10,000 ({@code countCapped: true} beyond).
     */
    @GET
    @Path("model-calls")
    public Map<String, Object> modelCalls(@Context ContainerRequestContext request,
                                          @QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                          @QueryParam("startTime") String startTime,
                                          @QueryParam("endTime") String endTime, @QueryParam("search") String search,
                                          @QueryParam("status") String status, @QueryParam("model") String model,
                                          @QueryParam("providerId") String providerId,
                                          @QueryParam("appDid") String appDid,
                                          @QueryParam("allUsers") String allUsers) {
        ModelCallFilter filter = filter(request, startTime, endTime, search, status, model, providerId, appDid, allUsers);
        int p = intParam("page", page, 1);
        int size = intParam("pageSize", pageSize, 50);
        ModelCallPage result = list.list(filter, p, size);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", result.count());
        m.put("list", result.list().stream().map(UserServiceResource::call).toList());
        Map<String, Object> paging = paging(p, size);
        paging.put("countCapped", result.countCapped());
        m.put("paging", paging);
        return m;
    }

    /**
     * CSV of the newest matching calls (at most {@code EXPORT_MAX_ROWS}; {@code X-Export-Truncated:
     * true} when cut), streamed from a database cursor; {@code locale=zh} gives Chinese headers.
     */
    @GET
    @Path("model-calls/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    public Response exportCalls(@Context ContainerRequestContext request,
                                @QueryParam("startTime") String startTime, @QueryParam("endTime") String endTime,
                                @QueryParam("search") String search, @QueryParam("status") String status,
                                @QueryParam("model") String model, @QueryParam("providerId") String providerId,
                                @QueryParam("appDid") String appDid, @QueryParam("allUsers") String allUsers,
                                @QueryParam("locale") String locale) {
        ModelCallFilter filter = filter(request, startTime, endTime, search, status, model, providerId, appDid, allUsers);
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

    /** Usage stats of the caller (analytics.md "Usage stats"); {@code endTime} inclusive Unix seconds. */
    @GET
    @Path("usage-stats")
    public UsageStatsUseCase.UsageReport usageStats(@Context ContainerRequestContext request,
                                                    @QueryParam("startTime") String startTime,
                                                    @QueryParam("endTime") String endTime,
                                                    @QueryParam("timezone") String timezone,
                                                    @QueryParam("timezoneOffset") String timezoneOffset) {
        ZoneId zone = zone(timezone, timezoneOffset);
        Instant from = requireSeconds("startTime", startTime);
        Instant to = requireSeconds("endTime", endTime).plusSeconds(1);
        return stats.usageStats(userId(request), from, to, zone);
    }

    /** The same over all users, computed completely (admin). */
    @GET
    @Path("admin/user-stats")
    public UsageStatsUseCase.UsageReport adminUserStats(@Context ContainerRequestContext request,
                                                        @QueryParam("startTime") String startTime,
                                                        @QueryParam("endTime") String endTime,
                                                        @QueryParam("timezone") String timezone,
                                                        @QueryParam("timezoneOffset") String timezoneOffset) {
        BearerAuthFilter.requireAdmin(request);
        ZoneId zone = zone(timezone, timezoneOffset);
        Instant from = requireSeconds("startTime", startTime);
        Instant to = requireSeconds("endTime", endTime).plusSeconds(1);
        return stats.allUsersStats(from, to, zone);
    }

    /** Week to date against the same span of last week (ISO weeks in {@code timezone}, default UTC). */
    @GET
    @Path("weekly-comparison")
    public UsageStatsUseCase.Comparison weekly(@Context ContainerRequestContext request,
                                               @QueryParam("timezone") String timezone,
                                               @QueryParam("timezoneOffset") String timezoneOffset) {
        return stats.weekly(userId(request), zone(timezone, timezoneOffset));
    }

    /** Month to date against the same span of last month. */
    @GET
    @Path("monthly-comparison")
    public UsageStatsUseCase.Comparison monthly(@Context ContainerRequestContext request,
                                                @QueryParam("timezone") String timezone,
                                                @QueryParam("timezoneOffset") String timezoneOffset) {
        return stats.monthly(userId(request), zone(timezone, timezoneOffset));
    }

    /**
     * {@code {userDid, startTime, endTime, dryRun}} (admin): dry run → {@code {message, userDid,
     * willDeleteStats, willRecalculateHours}}; else {@code {message, deleted, success, failed}}.
     */
    @POST
    @Path("recalculate-stats")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> recalculate(@Context ContainerRequestContext request, JsonNode body) {
        BearerAuthFilter.requireAdmin(request);
        JsonFields f = JsonFields.of(body);
        UUID user = f.requireUuid("userDid");
        Instant from = bodySeconds(f, "startTime");
        Instant to = bodySeconds(f, "endTime").plusSeconds(1);
        JsonNode dry = body.get("dryRun");
        if (dry != null && !dry.isNull() && !dry.isBoolean()) {
            throw new ValidationException("dryRun", "must be a JSON boolean");
        }
        boolean dryRun = dry != null && dry.asBoolean(false);
        RecalculateResult r = maintenance.recalculate(user, from, to, dryRun);
        Map<String, Object> m = new LinkedHashMap<>();
        if (dryRun) {
            m.put("message", "Dry run: nothing was changed");
            m.put("userDid", user);
            m.put("willDeleteStats", r.willDeleteStats());
            m.put("willRecalculateHours", r.willRecalculateHours());
        } else {
            m.put("message", "Stats recalculated");
            m.put("deleted", r.willDeleteStats());
            m.put("success", r.willRecalculateHours() - r.failed());
            m.put("failed", r.failed());
        }
        return m;
    }

    /** {@code {userDid, startTime, endTime}} (admin): deletes day roll-ups → {@code {message, deleted}}. */
    @POST
    @Path("cleanup-daily-stats")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> cleanupDaily(@Context ContainerRequestContext request, JsonNode body) {
        BearerAuthFilter.requireAdmin(request);
        JsonFields f = JsonFields.of(body);
        UUID user = f.requireUuid("userDid");
        Instant from = bodySeconds(f, "startTime");
        Instant to = bodySeconds(f, "endTime").plusSeconds(1);
        long deleted = maintenance.cleanupDaily(user, from, to);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", "Daily stats deleted; they are rebuilt on demand");
        m.put("deleted", deleted);
        return m;
    }

    private Map<String, Object> ledgerPage(ContainerRequestContext request, boolean grantsOnly, String page,
                                           String pageSize, String start, String end) {
        int p = intParam("page", page, 1);
        int size = intParam("pageSize", pageSize, 20);
        Optional<Instant> from = optionalSeconds("start", start);
        Optional<Instant> to = optionalSeconds("end", end).map(t -> t.plusSeconds(1));
        LedgerPage result = credits.entries(userId(request), grantsOnly, from, to, p, size);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", result.total());
        m.put("list", result.items().stream().map(UserServiceResource::entry).toList());
        m.put("paging", paging(p, size));
        return m;
    }

    private static Map<String, Object> entry(LedgerEntry e) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", e.id());
        t.put("amount", e.delta());
        t.put("reason", e.reason().wireName());
        t.put("refType", e.ref().type());
        t.put("refId", e.ref().id());
        t.put("createdAt", e.createdAt());
        return t;
    }

    private static Map<String, Object> call(ModelCallView c) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("inputTokens", c.inputTokens());
        usage.put("outputTokens", c.outputTokens());
        usage.put("cacheCreationInputTokens", c.cacheCreationInputTokens());
        usage.put("cacheReadInputTokens", c.cacheReadInputTokens());
        usage.put("images", c.images());
        usage.put("mediaSeconds", c.mediaSeconds());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("userDid", c.userId());
        m.put("appDid", c.appId());
        m.put("providerId", c.providerId());
        m.put("model", c.model());
        m.put("type", c.type());
        m.put("status", c.status());
        m.put("totalUsage", c.totalUsage());
        m.put("usageMetrics", usage);
        m.put("credits", c.credits());
        m.put("duration", c.durationMs() == null ? null : c.durationMs() / 1000.0);
        m.put("callTime", c.callTime());
        m.put("errorReason", c.errorReason());
        m.put("requestId", c.requestId());
        return m;
    }

    private static Map<String, Object> paging(int page, int pageSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page", page);
        m.put("pageSize", pageSize);
        return m;
    }

    private static Map<String, Object> currency() {
        return Map.of("code", "credits");
    }

    private static ModelCallFilter filter(ContainerRequestContext request, String startTime, String endTime,
                                          String search, String status, String model, String providerId,
                                          String appDid, String allUsers) {
        Caller caller = Caller.of(request);
        boolean all = boolParam("allUsers", allUsers);
        if (all) {
            BearerAuthFilter.requireAdmin(request);
        }
        String st = blankToNull(status);
        if (st != null && !st.equals("success") && !st.equals("failed") && !st.equals("all")) {
            throw new ValidationException("status", "must be success, failed or all");
        }
        return new ModelCallFilter(all ? Optional.empty() : Optional.of(caller.user().id()),
                optionalSeconds("startTime", startTime),
                optionalSeconds("endTime", endTime).map(t -> t.plusSeconds(1)),
                Optional.ofNullable(search).map(String::trim).filter(s -> !s.isEmpty()),
                Optional.ofNullable(st).filter(s -> !s.equals("all")),
                Optional.ofNullable(blankToNull(model)),
                Optional.ofNullable(blankToNull(providerId)),
                Optional.ofNullable(blankToNull(appDid)));
    }

    private static ZoneId zone(String timezone, String timezoneOffset) {
        Integer offset = null;
        if (blankToNull(timezoneOffset) != null) {
            if (!timezoneOffset.trim().matches("-?\\d{1,5}")) {
                throw new ValidationException("timezoneOffset", "must be whole minutes");
            }
            offset = Integer.parseInt(timezoneOffset.trim());
        }
        return TimeZones.resolve(timezone, offset);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static boolean boolParam(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.equals("true") || value.equals("1")) {
            return true;
        }
        throw new ValidationException(name, "must be true or false");
    }

    static int intParam(String name, String value, int defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        if (!value.matches("-?\\d{1,9}")) {
            throw new ValidationException(name, "must be a whole number");
        }
        return Integer.parseInt(value);
    }

    static Optional<Instant> optionalSeconds(String name, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.matches("\\d{1,12}")) {
            throw new ValidationException(name, "must be Unix seconds");
        }
        long v = Long.parseLong(value);
        if (v > MAX_UNIX_SECONDS) {
            throw new ValidationException(name, "is out of range");
        }
        return Optional.of(Instant.ofEpochSecond(v));
    }

    private static Instant requireSeconds(String name, String value) {
        return optionalSeconds(name, value).orElseThrow(() -> new ValidationException(name, "is required"));
    }

    private static Instant bodySeconds(JsonFields f, String name) {
        long v = f.optionalLong(name).orElseThrow(() -> new ValidationException(name, "is required"));
        if (v < 0 || v > MAX_UNIX_SECONDS) {
            throw new ValidationException(name, "must be Unix seconds");
        }
        return Instant.ofEpochSecond(v);
    }

    private static UUID userId(ContainerRequestContext request) {
        return Caller.of(request).user().id();
    }
}
