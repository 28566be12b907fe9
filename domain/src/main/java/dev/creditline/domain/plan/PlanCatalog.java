package dev.creditline.domain.plan;

import dev.creditline.domain.ValidationException;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured plans. Always contains an
 * unpaid {@code free} plan; plan ids are unique and each Stripe price id selects at most
 * one plan. An unknown Stripe price is never mapped to a guessed plan (lesson 16).
 */
public final class PlanCatalog {

    private final Map<String, Plan> byId;
    private final Map<String, Plan> byPrice;

    private PlanCatalog(Map<String, Plan> byId, Map<String, Plan> byPrice) {
        this.byId = byId;
        this.byPrice = byPrice;
    }

    /**
     * The default catalog: {@code free} 10,000 credits a month and {@code pro} 100,000 a
     * month (paid) with Stripe price {@code proPriceId} ({@code STRIPE_PRICE_PRO_MONTHLY}).
     *
     * @param proPriceId price id of pro; null or blank when billing is not configured (pro
     *                   then has no price and cannot be selected by price)
     */
    public static PlanCatalog defaults(String proPriceId) {
        Set<String> prices = proPriceId == null || proPriceId.isBlank() ? Set.of() : Set.of(proPriceId);
        return of(List.of(
                new Plan(Plan.FREE_ID, 10_000, Set.of(), false),
                new Plan("pro", 100_000, prices, true)));
    }

    /**
     * A catalog from configuration, in the given order.
     *
     * @throws ValidationException field {@code plans} when empty, a plan id repeats, a price
     *         id belongs to two plans, or there is no unpaid {@code free} plan
     */
    public static PlanCatalog of(Collection<Plan> plans) {
        if (plans == null || plans.isEmpty()) {
            throw new ValidationException("plans", "must not be empty");
        }
        Map<String, Plan> ids = new LinkedHashMap<>();
        Map<String, Plan> prices = new LinkedHashMap<>();
        for (Plan p : plans) {
            if (ids.putIfAbsent(p.id(), p) != null) {
                throw new ValidationException("plans", "duplicate plan id " + p.id());
            }
            for (String price : p.stripePriceIds()) {
                Plan other = prices.putIfAbsent(price, p);
                if (other != null) {
                    throw new ValidationException("plans",
                            "price " + price + " belongs to both " + other.id() + " and " + p.id());
                }
            }
        }
        Plan free = ids.get(Plan.FREE_ID);
        if (free == null || free.paid()) {
            throw new ValidationException("plans", "must contain an unpaid plan with id free");
        }
        return new PlanCatalog(java.util.Collections.unmodifiableMap(ids), Map.copyOf(prices));
    }

    /** Plan by id (exact), or empty. */
    public Optional<Plan> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /**
     * Plan selected by a Stripe price id (exact), or empty when no plan has that price —
     * never a default (lesson 16: record the unknown price as a problem instead).
     */
    public Optional<Plan> byStripePrice(String priceId) {
        return Optional.ofNullable(priceId == null ? null : byPrice.get(priceId));
    }

    /** The free plan. */
    public Plan free() {
        return byId.get(Plan.FREE_ID);
    }

    /** All plans in configuration order. */
    public List<Plan> all() {
        return List.copyOf(byId.values());
    }
}
