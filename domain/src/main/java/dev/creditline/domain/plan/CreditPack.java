package dev.creditline.domain.plan;

import dev.creditline.domain.ValidationException;

/**
 * A one-time purchase of credits.
 *
 * @param id            stable pack id, e.g. {@code "starter"}; non-blank
 * @param credits       credits granted once the Checkout Session is paid, ≥ 1
 * @param priceUsdCents display price in US cents, ≥ 0 (Stripe's price is authoritative)
 * @param stripePriceId Stripe price id, or {@code null} when billing is not configured
 */
public record CreditPack(String id, long credits, long priceUsdCents, String stripePriceId) {

    /**
     * Validates the components.
     *
     * @throws ValidationException field {@code pack.id}, {@code pack.credits},
     *         {@code pack.priceUsdCents} or {@code pack.stripePriceId} (blank but not null)
     */
    public CreditPack {
        if (id == null || id.isBlank()) {
            throw new ValidationException("pack.id", "must not be blank");
        }
        if (credits < 1) {
            throw new ValidationException("pack.credits", "must be a positive whole number of credits");
        }
        if (priceUsdCents < 0) {
            throw new ValidationException("pack.priceUsdCents", "must not be negative");
        }
        if (stripePriceId != null && stripePriceId.isBlank()) {
            throw new ValidationException("pack.stripePriceId", "must be null or a Stripe price id");
        }
    }

    /** True when the pack can be sold (it has a Stripe price). */
    public boolean purchasable() {
        return stripePriceId != null;
    }
}
