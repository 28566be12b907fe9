package dev.creditline.rest.resource;

import dev.creditline.application.port.in.VerifyLedgerUseCase;
import dev.creditline.domain.ledger.LedgerVerification;
import dev.creditline.domain.user.UserNotFoundException;
import dev.creditline.rest.auth.AdminRequired;
import dev.creditline.rest.auth.BearerAuthRequired;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /api/admin/ledger/verify?userId=} (bearer + admin; api.md "Admin"): checks cached balances
 * against the ledger. No token: 401; a non-admin caller: 403 before any input is looked at.
 */
@Path("/api/admin")
@BearerAuthRequired
@AdminRequired
@Produces(MediaType.APPLICATION_JSON)
public final class LedgerVerifyResource {

    /** A user whose cached balance disagrees with the ledger; {@code firstBadEntry} a ledger entry id or null. */
    public record MismatchJson(UUID userId, long balance, long ledgerSum, Long firstBadEntry) {
        static MismatchJson of(LedgerVerification v) {
            return new MismatchJson(v.userId(), v.balance(), v.ledgerSum(), v.firstBadEntry());
        }
    }

    /** {@code {checked, mismatches}} (at most 1,000 listed). */
    public record VerifyResponse(long checked, List<MismatchJson> mismatches) {
    }

    private final VerifyLedgerUseCase verify;

    public LedgerVerifyResource(VerifyLedgerUseCase verify) {
        this.verify = verify;
    }

    /** Without {@code userId} every user; a {@code userId} that is not a UUID: 400; an unknown one: 404. */
    @GET
    @Path("ledger/verify")
    public VerifyResponse verifyLedger(@QueryParam("userId") String userId) {
        Optional<UUID> user = QueryParams.uuid("userId", userId);
        VerifyLedgerUseCase.LedgerReport report = verify.verify(user);
        if (user.isPresent() && report.checked() == 0) {
            throw new UserNotFoundException();
        }
        return new VerifyResponse(report.checked(), report.mismatches().stream().map(MismatchJson::of).toList());
    }
}
