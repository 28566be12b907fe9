package dev.creditline.rest.resource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.AdjustCreditsUseCase;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.application.port.in.VerifyLedgerUseCase;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.metering.IdempotencyKey;
import dev.creditline.domain.user.UserNotFoundException;
import dev.creditline.rest.auth.BearerAuthFilter;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.json.JsonFields;
import dev.creditline.rest.json.LedgerJson;
import dev.creditline.rest.json.Uuids;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Admin tools ({@code /api/admin}, bearer + admin; api.md "Admin"). No token:
 * 401; a non-admin caller: 403 before any input is looked at.
 */
@Path("/api/admin")
@BearerAuthRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {

    private final VerifyLedgerUseCase verify;
    private final AdjustCreditsUseCase adjust;
    private final IdempotentRequests requests;

    public AdminResource(VerifyLedgerUseCase verify, AdjustCreditsUseCase adjust, IdempotentRequestUseCase idempotency) {
        this.verify = verify;
        this.adjust = adjust;
        this.requests = new IdempotentRequests(idempotency);
    }

    /**
     * {@code GET /api/admin/ledger/verify?userId=} → {@code {checked, mismatches:[{userId, balance,
     * ledgerSum, firstBadEntry}]}} (credits; {@code firstBadEntry} is a ledger entry id or null; at
     * most 1,000 listed). Without {@code userId} every user is checked. A {@code userId} that is not
     * a UUID: 400; an unknown one: 404.
     */
    @GET
    @Path("ledger/verify")
    public Map<String, Object> verifyLedger(@Context ContainerRequestContext request,
                                            @QueryParam("userId") String userId) {
        BearerAuthFilter.requireAdmin(request);
        Optional<UUID> user = Optional.ofNullable(userId).filter(s -> !s.isEmpty())
                .map(s -> Uuids.parse(s).orElseThrow(() -> new ValidationException("userId", "must be a UUID")));
        VerifyLedgerUseCase.LedgerReport report = verify.verify(user);
        if (user.isPresent() && report.checked() == 0) {
            throw new UserNotFoundException();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checked", report.checked());
        m.put("mismatches", report.mismatches().stream().map(v -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("userId", v.userId());
            x.put("balance", v.balance());
            x.put("ledgerSum", v.ledgerSum());
            x.put("firstBadEntry", v.firstBadEntry());
            return x;
        }).toList());
        return m;
    }

    /**
     * {@code POST /api/admin/users/{id}/grants} {@code {amount, note, category?, priority?, expiresAt?}}
     * (the last three for grants: the lot's category {@code admin|promotion}, priority 0..100, expiry) → 201 {@code {entry:{id, delta,
     * balance_after, reason, created_at, note, actor_id}, balance}}: a manual grant (amount &gt; 0) or
     * deduction (amount &lt; 0), reason {@code admin_adjustment}, audited with the admin's id. 400 for
     * a bad id, amount 0 or |amount| &gt; 10^12, missing note or note over 500 characters; 404 unknown
     * user; 402 {@code INSUFFICIENT_CREDITS} when a deduction exceeds the balance (nothing written).
     * An optional {@code Idempotency-Key} (scope {@code admin-grants}, hash over the admin, the
     * user and the body) makes a double submit grant once: the repeat gets the first answer with
     * {@code Idempotent-Replayed: true}; the same key with another body or user is 422
     * {@code IDEMPOTENCY_KEY_REUSED}.
     */
    @POST
    @Path("users/{id}/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@Context ContainerRequestContext request, @PathParam("id") String id,
                          @HeaderParam(IdempotencyKey.HEADER) String key, JsonNode body) {
        Caller admin = BearerAuthFilter.requireAdmin(request);
        UUID userId = Uuids.parse(id).orElseThrow(() -> new ValidationException("id", "must be a UUID"));
        JsonFields f = JsonFields.of(body);
        long amount = f.optionalLong("amount").orElseThrow(() -> new ValidationException("amount", "is required"));
        String note = f.optionalText("note").orElse(null);
        LotCategory category = f.optionalText("category").map(c -> LotCategory.requireGrantable("category", c))
                .orElse(null);
        Integer priority = f.optionalLong("priority").map(p -> {
            if (p < 0 || p > 100) {
                throw new ValidationException("priority", "must be a whole number from 0 to 100");
            }
            return p.intValue();
        }).orElse(null);
        UUID adminId = admin.user().id();
        // built (and validated) before the key is looked at: bad input stores no key
        AdjustCreditsUseCase.AdjustCommand command = new AdjustCreditsUseCase.AdjustCommand(userId, amount, note,
                adminId, category, priority, f.optionalInstant("expiresAt").orElse(null));
        return requests.run(key, "admin-grants", "POST /api/admin/users/" + userId + "/grants by " + adminId, body, 201,
                () -> {
                    AdjustCreditsUseCase.Adjustment done = adjust.adjust(command);
                    Map<String, Object> entry = LedgerJson.summary(done.entry());
                    entry.put("note", note == null ? null : note.strip());
                    entry.put("actor_id", adminId);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("entry", entry);
                    m.put("balance", done.balance());
                    return m;
                });
    }
}
