package dev.creditline.application.port.out.billing;

import java.util.Objects;
import java.util.UUID;

/**
 * Input of {@link PaymentGateway#createSubscriptionCheckout}: start a paid plan
 * (billing.md "Outgoing calls"; lessons.md 8).
 *
 * @param userId            subscriber; {@code client_reference_id} and metadata {@code user_id}
 * @param planId            plan catalog id, e.g. {@code pro}; metadata {@code plan}
 * @param priceId           the plan's provider price id ({@code price_...})
 * @param customerId        the user's provider customer id ({@code cus_...}), created beforehand
 * @param checkoutAttemptId our durable checkout attempt id; metadata {@code checkout_attempt_id}
 *                          and idempotency key {@code checkout_attempt_<id>}
 * @param frontendUrl       base URL of the web app (FRONTEND_URL); a trailing slash is ignored
 */
public record SubscriptionCheckoutRequest(UUID userId, String planId, String priceId,
                                          String customerId, UUID checkoutAttemptId,
                                          String frontendUrl) {

    /** Checks that every field is present. */
    public SubscriptionCheckoutRequest {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(checkoutAttemptId, "checkoutAttemptId");
        PackCheckoutRequest.requireText(planId, "planId");
        PackCheckoutRequest.requireText(priceId, "priceId");
        PackCheckoutRequest.requireText(customerId, "customerId");
        PackCheckoutRequest.requireText(frontendUrl, "frontendUrl");
    }

    /** The idempotency key sent with the create call: {@code checkout_attempt_<uuid>}. */
    public String idempotencyKey() {
        return "checkout_attempt_" + checkoutAttemptId;
    }
}
