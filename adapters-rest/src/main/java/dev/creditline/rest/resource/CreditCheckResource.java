package dev.creditline.rest.resource;

import dev.creditline.application.port.in.CheckCreditsUseCase;
import dev.creditline.application.port.in.CheckCreditsUseCase.CreditCheck;
import dev.creditline.domain.ValidationException;
import dev.creditline.rest.auth.ServiceSecretRequired;
import dev.creditline.rest.json.Uuids;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /api/internal/users/{id}/credit-check?amount=} ({@code X-Service-Secret}; api.md "Metering"):
 * whether the user can pay {@code amount} credits now, after any due free allowance.
 */
@Path("/api/internal")
@ServiceSecretRequired
@Produces(MediaType.APPLICATION_JSON)
public final class CreditCheckResource {

    /** {@code {allowed, balance, required}} in credits. */
    public record CreditCheckResponse(boolean allowed, long balance, long required) {
        static CreditCheckResponse of(CreditCheck c) {
            return new CreditCheckResponse(c.allowed(), c.balance(), c.required());
        }
    }

    /**
     * Plain digits, required: an amount of credits (the use case checks 0..10^12). Stricter than
     * {@link QueryParams#wholeNumber} (no sign, at most 13 digits) and kept so: the endpoint's documented answer
     * to anything else is this one message.
     */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}");

    private final CheckCreditsUseCase creditCheck;

    public CreditCheckResource(CheckCreditsUseCase creditCheck) {
        this.creditCheck = creditCheck;
    }

    /** An id that is not a UUID: 404 {@code USER_NOT_FOUND}; a bad amount: 400 naming {@code amount}. */
    @GET
    @Path("users/{id}/credit-check")
    public CreditCheckResponse creditCheck(@PathParam("id") String id, @QueryParam("amount") String amount) {
        UUID userId = Uuids.parse(id).orElseThrow(() -> new ApiProblem(404, "USER_NOT_FOUND", "Not Found",
                "No such user."));
        if (amount == null || !AMOUNT.matcher(amount).matches()) {
            throw new ValidationException("amount", "must be a whole number of credits from 0 to 1000000000000");
        }
        return CreditCheckResponse.of(creditCheck.check(userId, Long.parseLong(amount)));
    }
}
