package dev.creditline.application.port.in;

import java.util.UUID;

/** State of one of the caller's checkouts (api.md {@code GET /api/billing/checkout-status}). */
public interface CheckoutStatusUseCase {

    /**
     * @return {@code complete} (our webhook applied it), {@code expired}, {@code processing}
     *         (Stripe completed it, our webhook has not applied it yet, e.g. an async payment) or
     *         {@code payment_pending} (still open)
     * @throws dev.creditline.domain.billing.CheckoutSessionNotFoundException not the caller's (404)
     */
    String checkoutStatus(UUID userId, String sessionId);
}
