package dev.creditline.application.port.in;

import java.util.UUID;

/**
 * Whether a user can afford an amount (api.md {@code GET /users/{id}/credit-check}); applies the
 * lazy free allowance first. A check reserves nothing: use a hold for that.
 */
public interface CheckCreditsUseCase {

    /**
     * @param amount credits the caller wants to spend, 0..{@link dev.creditline.domain.ledger.Credits#MAX_AMOUNT}
     * @throws dev.creditline.domain.ValidationException         field {@code amount} when out of range
     * @throws dev.creditline.domain.user.UserNotFoundException (404)
     */
    CreditCheck check(UUID userId, long amount);

    /**
     * @param allowed  {@code balance >= required}
     * @param balance  current balance in credits
     * @param required the amount asked about
     */
    record CreditCheck(boolean allowed, long balance, long required) {
    }
}
