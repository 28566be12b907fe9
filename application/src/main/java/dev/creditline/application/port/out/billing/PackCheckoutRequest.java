package dev.creditline.application.port.out.billing;

import java.util.Objects;
import java.util.UUID;

/**
 * Input of {@link PaymentGateway#createPackCheckout}: a one-off purchase of a credit pack
 * (billing.md "Outgoing calls").
 *
 * @param userId         buyer; sent as {@code client_reference_id} and metadata {@code user_id}
 * @param packId         pack catalog id, e.g. {@code starter}; metadata {@code pack_id}
 * @param credits        credits the pack grants (whole credits, &gt; 0); metadata {@code credits}
 * @param priceId        the pack's provider price id ({@code price_...})
 * @param customerId     the user's provider customer id if one exists, else {@code null}
 *                       (the session then runs without a stored customer)
 * @param frontendUrl    base URL of the web app (FRONTEND_URL), without trailing {@code /billing};
 *                       a trailing slash is ignored
 * @param idempotencyKey key derived from a durable id of ours (e.g. the purchase attempt id)
 */
public record PackCheckoutRequest(UUID userId, String packId, long credits, String priceId,
                                  String customerId, String frontendUrl, String idempotencyKey) {

    /** Checks required fields: all but {@code customerId} are required; credits &gt; 0. */
    public PackCheckoutRequest {
        Objects.requireNonNull(userId, "userId");
        requireText(packId, "packId");
        requireText(priceId, "priceId");
        requireText(frontendUrl, "frontendUrl");
        requireText(idempotencyKey, "idempotencyKey");
        if (credits <= 0) {
            throw new IllegalArgumentException("credits must be positive");
        }
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
