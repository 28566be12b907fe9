package dev.creditline.application.port.in;

import java.util.UUID;

/** The user deletes their account (api.md {@code DELETE /api/users/me}; billing.md; lesson 12). */
public interface DeleteAccountUseCase {

    /**
     * Cancels a live Stripe subscription immediately first, then deletes the user and
     * everything keyed to them in one transaction.
     *
     * @throws dev.creditline.application.port.out.billing.PaymentGatewayException the cancel
     *         failed (502): nothing deleted
     * @throws dev.creditline.domain.billing.BillingNotConfiguredException a live subscription
     *         but Stripe unset (503): nothing deleted
     * @throws dev.creditline.domain.user.UserNotFoundException no such user
     */
    void deleteAccount(UUID userId);
}
