package dev.creditline.application.port.out.topup;

import java.util.UUID;

/**
 * An off-session PaymentIntent for an auto top-up: confirmed at once with the saved payment
 * method; metadata {@code user_id, topup_attempt_id, pack_id, credits} so the webhook finds the attempt.
 *
 * @param userId          the user
 * @param attemptId       the attempt; idempotency key {@code topup_<attemptId>}
 * @param packId          the pack bought
 * @param credits         credits the pack grants
 * @param amountCents     amount in the currency's minor unit
 * @param currency        ISO currency, lower case
 * @param customerId      the Stripe customer
 * @param paymentMethodId the saved payment method
 * @param returnUrl       where Stripe sends the customer back after a required action
 */
public record OffSessionCharge(UUID userId, UUID attemptId, String packId, long credits, long amountCents,
                               String currency, String customerId, String paymentMethodId, String returnUrl) {

    /** {@code topup_<attempt id>}. */
    public String idempotencyKey() {
        return "topup_" + attemptId;
    }
}
