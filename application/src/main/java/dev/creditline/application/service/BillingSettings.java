package dev.creditline.application.service;

import dev.creditline.domain.plan.CreditPackCatalog;
import dev.creditline.domain.plan.PlanCatalog;
import java.util.Map;
import java.util.Objects;

/**
 * Billing configuration (docs/billing.md "Configuration").
 *
 * @param plans               the plan catalog
 * @param packs               the credit-pack catalog
 * @param planCheckoutPrices  paid plan id → the Stripe price used for new subscriptions (the first
 *                            configured price of the plan; the plan may accept more prices)
 * @param frontendUrl         {@code FRONTEND_URL}, base of the success, cancel and portal return URLs
 */
public record BillingSettings(PlanCatalog plans, CreditPackCatalog packs, Map<String, String> planCheckoutPrices,
                              String frontendUrl) {

    /** Copies the map and checks for nulls. */
    public BillingSettings {
        Objects.requireNonNull(plans, "plans");
        Objects.requireNonNull(packs, "packs");
        Objects.requireNonNull(frontendUrl, "frontendUrl");
        planCheckoutPrices = Map.copyOf(planCheckoutPrices == null ? Map.of() : planCheckoutPrices);
        while (frontendUrl.endsWith("/")) {
            frontendUrl = frontendUrl.substring(0, frontendUrl.length() - 1);
        }
    }
}
