package dev.creditline.application.port.in;

import java.util.UUID;

/** Following the signed payment link (docs/billing.md "Payment link"). */
public interface FollowPaymentLinkUseCase {

    /**
     * Checks the link's signature and expiry, then creates or reuses the user's open Checkout
     * Session for the default pack.
     *
     * @param userId    the {@code user} parameter
     * @param expiresAt the {@code exp} parameter, Unix seconds
     * @param signature the {@code sig} parameter
     * @return the Stripe Checkout URL to redirect to
     * @throws dev.creditline.domain.billing.InvalidPaymentLinkException bad signature or expired (403)
     * @throws dev.creditline.application.port.out.billing.PaymentGatewayException Stripe failed (502)
     */
    String follow(UUID userId, long expiresAt, String signature);
}
