package dev.creditline.rest.problem;

import dev.creditline.domain.DomainException;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps every domain error to its HTTP status in one table, keyed by the stable error code
 * (api.md "Errors"). A code missing from the table is a business-rule refusal of a
 * well-formed request: 422. Extension members come from the exception's own fields.
 */
@Provider
public final class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("VALIDATION_FAILED", 400),
            Map.entry("UNKNOWN_PACK", 400),
            Map.entry("UNKNOWN_PLAN", 400),
            Map.entry("NO_STRIPE_CUSTOMER", 400),
            Map.entry("CHECKOUT_SESSION_NOT_FOUND", 404),
            Map.entry("NO_ACTIVE_SUBSCRIPTION", 409),
            Map.entry("BILLING_CHANGED_DURING_DELETION", 409),
            Map.entry("INVALID_PAYMENT_LINK", 403),
            Map.entry("STRIPE_NOT_CONFIGURED", 503),
            Map.entry("INSUFFICIENT_CREDITS", 402),
            Map.entry("GUEST_LIMIT_REACHED", 402),
            Map.entry("FORBIDDEN", 403),
            Map.entry("USER_NOT_FOUND", 404),
            Map.entry("HOLD_NOT_FOUND", 404),
            Map.entry("LOT_NOT_FOUND", 404),
            Map.entry("NOT_FOUND", 404),
            Map.entry("EMAIL_TAKEN", 409),
            Map.entry("ACCOUNT_ALREADY_LINKED", 409),
            Map.entry("HOLD_ALREADY_SETTLED", 409),
            Map.entry("GUEST_ALREADY_CLAIMED", 409),
            Map.entry("ALREADY_SUBSCRIBED", 409),
            Map.entry("IDEMPOTENCY_KEY_IN_USE", 409),
            Map.entry("HOLD_EXPIRED", 410),
            Map.entry("IDEMPOTENCY_KEY_REUSED", 422),
            Map.entry("STRIPE_ERROR", 502));

    /** Every status a domain error is answered with (the table's and the default's). */
    public static java.util.Set<Integer> statuses() {
        java.util.Set<Integer> all = new java.util.TreeSet<>(STATUS.values());
        all.add(422);
        return all;
    }

    /** The HTTP status for a domain error code. */
    public static int statusOf(String code) {
        return STATUS.getOrDefault(code, 422);
    }

    @Override
    public Response toResponse(DomainException e) {
        int status = statusOf(e.code());
        Map<String, Object> ext = new LinkedHashMap<>();
        if (e instanceof ValidationException v) {
            ext.put("field", v.field());
        }
        if (e instanceof dev.creditline.domain.hold.HoldAlreadySettledException h) {
            ext.put("holdStatus", h.status().wire());
        }
        if (e instanceof InsufficientCreditsException i) {
            ext.put("required", i.required());
            ext.put("balance", i.balance());
        }
        return Problems.response(status, e.code(), Response.Status.fromStatusCode(status) == null
                ? "Unprocessable Content" : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), ext);
    }
}
