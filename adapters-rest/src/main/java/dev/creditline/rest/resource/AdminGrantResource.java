package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.application.port.in.AdjustCreditsUseCase;
import dev.creditline.application.port.in.IdempotentRequestUseCase;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.rest.auth.AdminRequired;
import dev.creditline.rest.auth.BearerAuthRequired;
import dev.creditline.rest.auth.Caller;
import dev.creditline.rest.json.IsoInstant;
import dev.creditline.rest.json.JsonRequest;
import dev.creditline.rest.json.RequestBodies;
import dev.creditline.rest.json.Uuids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /api/admin/users/{id}/grants} (bearer + admin; api.md "Admin"; domain.md "Roles"): a manual
 * grant or deduction, audited with the admin's id. No token: 401; a non-admin caller: 403 before any input
 * is looked at.
 */
@Path("/api/admin")
@BearerAuthRequired
@AdminRequired
@Produces(MediaType.APPLICATION_JSON)
public final class AdminGrantResource {

    /** The adjustment's ledger entry with its note and the admin who made it. */
    public record AdjustmentEntry(long id, long delta, @JsonProperty("balance_after") long balanceAfter,
                                  String reason, @JsonProperty("created_at") Instant createdAt, String note,
                                  @JsonProperty("actor_id") UUID actorId) {
        static AdjustmentEntry of(LedgerEntry e, String note, UUID actorId) {
            return new AdjustmentEntry(e.id(), e.delta(), e.balanceAfter(), e.reason().wireName(), e.createdAt(),
                    note, actorId);
        }
    }

    /**
     * {@code {amount, note, category?, priority?, expiresAt?}}: the amount's range (non-zero, |amount| at most
     * 10^12), the note's (required, at most 500 characters once trimmed) and the category
     * ({@code admin|promotion}) are the domain's ({@link AdjustCreditsUseCase.AdjustCommand}).
     */
    public record AdjustmentRequest(
            @NotNull(message = "is required") Long amount,
            String note,
            String category,
            @Min(value = 0, message = "must be a whole number from 0 to 100")
            @Max(value = 100, message = "must be a whole number from 0 to 100") Long priority,
            @IsoInstant String expiresAt) implements JsonRequest {

        AdjustCreditsUseCase.AdjustCommand command(UUID userId, UUID adminId) {
            LotCategory lotCategory = category == null ? null : LotCategory.requireGrantable("category", category);
            return new AdjustCreditsUseCase.AdjustCommand(userId, amount, note, adminId, lotCategory,
                    priority == null ? null : priority.intValue(), IsoInstant.Validator.parse(expiresAt));
        }
    }

    /** 201: {@code {entry, balance}} in credits. */
    public record AdjustmentResponse(AdjustmentEntry entry, long balance) {
    }

    private final AdjustCreditsUseCase adjust;
    private final IdempotentRequests requests;

    public AdminGrantResource(AdjustCreditsUseCase adjust, IdempotentRequestUseCase idempotency) {
        this.adjust = adjust;
        this.requests = new IdempotentRequests(idempotency);
    }

    /**
     * {@code {amount, note, category?, priority?, expiresAt?}} (the last three for grants: the lot's category
     * {@code admin|promotion}, priority 0..100, expiry) → 201 {@link AdjustmentResponse}: a grant (amount &gt; 0)
     * or deduction (amount &lt; 0), reason {@code admin_adjustment}. 400 for a bad id, amount 0 or |amount| &gt;
     * 10^12, missing note or note over 500 characters; 404 unknown user; 402 {@code INSUFFICIENT_CREDITS}
     * when a deduction exceeds the balance (nothing written). An optional {@code Idempotency-Key} (scope
     * {@code admin-grants}, hash over the admin, the user and the body) makes a double submit grant once.
     */
    @POST
    @Path("users/{id}/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@Context ContainerRequestContext request, @PathParam("id") String id,
                          @HeaderParam(IdempotentRequests.HEADER) String key,
                          @NotNull(message = JsonRequest.BODY_REQUIRED) @Valid AdjustmentRequest body) {
        Caller admin = Caller.of(request);
        UUID userId = Uuids.parse(id).orElseThrow(() -> new ValidationException("id", "must be a UUID"));
        UUID adminId = admin.user().id();
        String note = body.note();
        // built (and validated) before the key is looked at: bad input stores no key
        AdjustCreditsUseCase.AdjustCommand command = body.command(userId, adminId);
        return requests.run(key, "admin-grants", "POST /api/admin/users/" + userId + "/grants by " + adminId,
                RequestBodies.json(request), 201, () -> {
                    AdjustCreditsUseCase.Adjustment done = adjust.adjust(command);
                    return new AdjustmentResponse(AdjustmentEntry.of(done.entry(), note == null ? null : note.strip(),
                            adminId), done.balance());
                });
    }
}
