package dev.creditline.application.port.in;

import java.util.UUID;

/** Opens the Stripe Billing Portal (api.md {@code POST /api/billing/portal}). */
public interface OpenBillingPortalUseCase {

    /**
     * @return the one-time portal URL (return URL {@code FRONTEND_URL/billing})
     * @throws dev.creditline.domain.billing.NoStripeCustomerException no Stripe customer (400)
     */
    String openPortal(UUID userId);
}
