package dev.creditline.domain.plan;

import dev.creditline.domain.ValidationException;

import java.util.Set;

/**
 * A plan.
 *
 * @param id             stable plan id, e.g. {@code "free"}, {@code "pro"}; non-blank
 * @param monthlyCredits allowance per period in credits, ≥ 0
 * @param stripePriceIds Stripe price ids that select this plan (empty for the free plan or
 *                       when billing is not configured); copied, non-blank
 * @param paid           whether the plan is a paid subscription (allowance from invoices)
 *                       or free (lazy 30-day allowance)
 */
public record Plan(String id, long monthlyCredits, Set<String> stripePriceIds, boolean paid) {

    /** Id of the free plan every catalog contains. */
    public static final String FREE_ID = "free";

    /**
     * Validates the components.
     *
     * @throws ValidationException field {@code plan.id}, {@code plan.monthlyCredits} or
     *         {@code plan.stripePriceIds}
     */
    public Plan {
        if (id == null || id.isBlank()) {
            throw new ValidationException("plan.id", "must not be blank");
        }
        if (monthlyCredits < 0) {
            throw new ValidationException("plan.monthlyCredits", "must not be negative");
        }
        if (stripePriceIds == null) {
            stripePriceIds = Set.of();
        }
        for (String price : stripePriceIds) {
            if (price == null || price.isBlank()) {
                throw new ValidationException("plan.stripePriceIds", "must not contain blank ids");
            }
        }
        stripePriceIds = Set.copyOf(stripePriceIds);
    }
}
