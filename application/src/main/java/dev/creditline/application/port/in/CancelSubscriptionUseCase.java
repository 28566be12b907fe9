package dev.creditline.application.port.in;

import java.time.Instant;
import java.util.UUID;

/** Cancels the subscription at period end (api.md {@code POST /api/billing/cancel}). */
public interface CancelSubscriptionUseCase {

    /**
     * Sets {@code cancel_at_period_end=true} at Stripe (key {@code cancel_at_period_end_<sub id>}).
     *
     * @return when the cancellation takes effect (UTC), or null if Stripe did not say
     * @throws dev.creditline.domain.billing.NoActiveSubscriptionException nothing to cancel (409)
     */
    Instant cancelAtPeriodEnd(UUID userId);
}
