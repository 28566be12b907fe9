package dev.creditline.application.port.in;

import java.util.Optional;
import java.util.UUID;

/**
 * A Stripe Checkout URL for buying the default credit pack ({@code DEFAULT_PACK}), used by
 * {@code GET /api/user/credit/payment-link} and {@code GET /api/user/info} when Stripe is
 * configured (analytics.md "Credits views"). Implemented by
 * {@code DefaultPackCheckoutService} over the billing feature's {@link BuyCreditPackUseCase}.
 */
public interface DefaultPackCheckoutUseCase {

    /**
     * The Checkout URL for {@code userId}, or empty when none can be offered.
     *
     * @param userId the buying user
     */
    Optional<String> checkoutUrl(UUID userId);
}
