package dev.creditline.bootstrap;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.plan.CreditPack;
import dev.creditline.domain.plan.CreditPackCatalog;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Billing configuration from the environment (docs/billing.md "Configuration"). Plans and credit
 * packs are configuration only: a new plan needs {@code PLAN_<ID>_CREDITS} and
 * {@code PLAN_<ID>_PRICE}, a new pack {@code PACK_<ID>_CREDITS}, {@code PACK_<ID>_PRICE_CENTS}
 * and {@code STRIPE_PRICE_PACK_<ID>}; no code changes. Invalid values refuse start-up with a
 * {@link ConfigException} naming the variable.
 *
 * @param plans              the plan catalog (defaults {@code free} 10,000 and {@code pro} 100,000)
 * @param packs              the credit-pack catalog (defaults starter, pro, enterprise)
 * @param planCheckoutPrices paid plan id → the price new subscriptions use (first configured)
 * @param stripeSecretKey    {@code STRIPE_SECRET_KEY}; empty → billing endpoints answer 503
 * @param stripeApiBase      {@code STRIPE_API_BASE}; empty → Stripe's own
 * @param webhookSecret      {@code STRIPE_WEBHOOK_SECRET}; empty → the webhook answers 503
 * @param frontendUrl        the first origin of {@code FRONTEND_URL}, default {@code http://localhost:3000}
 */
record BillingConfig(PlanCatalog plans, CreditPackCatalog packs, Map<String, String> planCheckoutPrices,
                     Optional<String> stripeSecretKey, Optional<String> stripeApiBase, Optional<String> webhookSecret,
                     String frontendUrl) {

    private static final Pattern PLAN_CREDITS = Pattern.compile("PLAN_([A-Z0-9_]+)_CREDITS");
    private static final Pattern PLAN_PRICE = Pattern.compile("PLAN_([A-Z0-9_]+)_PRICE");
    private static final Pattern PACK_CREDITS = Pattern.compile("PACK_([A-Z0-9_]+)_CREDITS");
    private static final long MAX_CREDITS = 1_000_000_000_000L;

    /** Reads the billing settings from {@code env}. */
    static BillingConfig from(Map<String, String> env) {
        // Plans: free and pro by default; PLAN_<ID>_CREDITS adds or overrides, PLAN_<ID>_PRICE lists prices.
        Map<String, Long> credits = new LinkedHashMap<>();
        credits.put("free", 10_000L);
        credits.put("pro", 100_000L);
        Set<String> ids = new TreeSet<>();
        for (String key : env.keySet()) {
            Matcher m = PLAN_CREDITS.matcher(key);
            if (m.matches()) {
                ids.add(m.group(1));
            }
            Matcher p = PLAN_PRICE.matcher(key);
            if (p.matches() && !credits.containsKey(p.group(1).toLowerCase(Locale.ROOT))
                    && Config.text(env, "PLAN_" + p.group(1) + "_CREDITS").isEmpty()) {
                throw new ConfigException(key + " is set but PLAN_" + p.group(1) + "_CREDITS is not");
            }
        }
        for (String id : ids) {
            credits.put(id.toLowerCase(Locale.ROOT), Config.number(env, "PLAN_" + id + "_CREDITS", 0, 0, MAX_CREDITS));
        }
        List<Plan> plans = new ArrayList<>();
        Map<String, String> checkoutPrices = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : credits.entrySet()) {
            String id = e.getKey();
            LinkedHashSet<String> prices = new LinkedHashSet<>();
            if (id.equals("pro")) {
                Config.text(env, "STRIPE_PRICE_PRO_MONTHLY").ifPresent(prices::add);
            }
            Config.text(env, "PLAN_" + id.toUpperCase(Locale.ROOT) + "_PRICE").ifPresent(list ->
                    Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(prices::add));
            boolean paid = !id.equals(Plan.FREE_ID);
            if (!paid && !prices.isEmpty()) {
                throw new ConfigException("PLAN_FREE_PRICE: the free plan cannot have a Stripe price");
            }
            if (!prices.isEmpty()) {
                checkoutPrices.put(id, prices.iterator().next());
            }
            plans.add(new Plan(id, e.getValue(), prices, paid));
        }
        // Packs: defaults with STRIPE_PRICE_PACK_<ID>; PACK_<ID>_CREDITS (+ PACK_<ID>_PRICE_CENTS) adds or overrides.
        Map<String, CreditPack> packs = new LinkedHashMap<>();
        for (CreditPack d : CreditPackCatalog.defaults(Map.of()).all()) {
            packs.put(d.id(), d);
        }
        Set<String> packIds = new TreeSet<>();
        for (String key : env.keySet()) {
            Matcher m = PACK_CREDITS.matcher(key);
            if (m.matches()) {
                packIds.add(m.group(1));
            }
        }
        for (String up : packIds) {
            String id = up.toLowerCase(Locale.ROOT);
            long packCredits = Config.number(env, "PACK_" + up + "_CREDITS", 0, 1, MAX_CREDITS);
            CreditPack old = packs.get(id);
            long cents = Config.number(env, "PACK_" + up + "_PRICE_CENTS", old == null ? -1 : old.priceUsdCents(), 0,
                    100_000_000L);
            if (cents < 0) {
                throw new ConfigException("PACK_" + up + "_PRICE_CENTS must be set for the new pack " + id);
            }
            packs.put(id, new CreditPack(id, packCredits, cents, null));
        }
        List<CreditPack> priced = new ArrayList<>();
        for (CreditPack p : packs.values()) {
            String price = Config.text(env, "STRIPE_PRICE_PACK_" + p.id().toUpperCase(Locale.ROOT)).orElse(null);
            priced.add(new CreditPack(p.id(), p.credits(), p.priceUsdCents(), price));
        }
        try {
            return new BillingConfig(PlanCatalog.of(plans), CreditPackCatalog.of(priced), checkoutPrices,
                    Config.text(env, "STRIPE_SECRET_KEY"), Config.text(env, "STRIPE_API_BASE"),
                    Config.text(env, "STRIPE_WEBHOOK_SECRET"),
                    Config.primaryFrontendUrl(env));
        } catch (ValidationException e) {
            throw new ConfigException("billing plans or packs: " + e.getMessage());
        }
    }
}
