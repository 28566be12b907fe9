package dev.creditline.application.port.out.topup;

import java.time.Instant;
import java.util.UUID;

/**
 * One auto top-up (table {@code topup_attempts}).
 *
 * @param id              attempt id; the Stripe idempotency key is {@code topup_<id>}
 * @param userId          the user topped up
 * @param packId          the pack bought
 * @param credits         credits the pack grants
 * @param amountCents     the amount charged, in the currency's minor unit
 * @param currency        ISO currency, lower case ({@code usd})
 * @param status          {@code pending}, {@code processing}, {@code requires_action}, {@code succeeded}, {@code failed}
 * @param failureReason   why it failed ({@code monthly_limit}, {@code no_payment_method}, a Stripe decline code), or null
 * @param paymentIntentId the PaymentIntent ({@code pi_...}) once created, or null
 * @param actionUrl       where the customer completes a required action, or null
 * @param createdAt       when the balance change decided it (UTC)
 * @param updatedAt       last status change (UTC)
 */
public record TopUpAttempt(UUID id, UUID userId, String packId, long credits, long amountCents, String currency,
                           String status, String failureReason, String paymentIntentId, String actionUrl,
                           Instant createdAt, Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String REQUIRES_ACTION = "requires_action";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    /** Failure reason: the month's limit of top-ups was reached; nothing was charged. */
    public static final String MONTHLY_LIMIT = "monthly_limit";
    /** Failure reason: no saved payment method (or Stripe customer). */
    public static final String NO_PAYMENT_METHOD = "no_payment_method";
}
