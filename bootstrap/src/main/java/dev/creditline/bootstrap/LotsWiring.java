package dev.creditline.bootstrap;

import dev.creditline.application.service.LotService;
import dev.creditline.domain.lot.AllowanceExpiry;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import dev.creditline.persistence.JdbiLotRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.rest.resource.LotGrantResource;
import dev.creditline.rest.resource.LotVoidResource;
import dev.creditline.rest.resource.LotsResource;
import java.util.Locale;
import java.util.Map;

/** Credit lots (docs/lots.md): the lots view, internal grants and void, and the expiry sweeper. */
final class LotsWiring {

    private LotsWiring() {
    }

    /** The lot repository on {@code tx}. */
    static JdbiLotRepository lots(JdbiTransactions tx) {
        return new JdbiLotRepository(tx);
    }

    /** The lot use cases; the free allowance is the touch of a user before a read. */
    static LotService lotService(Creditline.Core core) {
        return new LotService(core.tx(), lots(core.tx()), core.ledger(), core.users(), core.freeAllowance(),
                core.clock());
    }

    /**
     * Whether plan {@code planId}'s allowance lots expire when the next period starts
     * ({@code PLAN_<ID>_ALLOWANCE_EXPIRY}: {@code never}, the default, or {@code period_end}).
     *
     * @throws ConfigException for any other value
     */
    static boolean allowanceExpires(Map<String, String> env, String planId) {
        String name = "PLAN_" + planId.toUpperCase(Locale.ROOT).replace('-', '_') + "_ALLOWANCE_EXPIRY";
        String v = Config.text(env, name).orElse("never");
        return switch (v) {
            case "never" -> false;
            case "period_end" -> true;
            default -> throw new ConfigException(name + " must be never or period_end, was '" + v + "'");
        };
    }

    /**
     * Most unused credits of plan {@code planId}'s expiring allowance lot that move into a
     * {@code rollover} lot ({@code PLAN_<ID>_ROLLOVER_MAX}, 0..10^12, default 0 = none;
     * docs/lots.md).
     *
     * @throws ConfigException for a value out of range, or a positive one without
     *                         {@code PLAN_<ID>_ALLOWANCE_EXPIRY=period_end}
     */
    static long rolloverMax(Map<String, String> env, String planId) {
        String prefix = "PLAN_" + planId.toUpperCase(Locale.ROOT).replace('-', '_');
        long max = Config.number(env, prefix + "_ROLLOVER_MAX", 0, 0, 1_000_000_000_000L);
        if (max > 0 && !allowanceExpires(env, planId)) {
            throw new ConfigException(prefix + "_ROLLOVER_MAX needs " + prefix + "_ALLOWANCE_EXPIRY=period_end");
        }
        return max;
    }

    /** {@link #allowanceExpires} and {@link #rolloverMax} of every plan of the catalog, by plan id. */
    static Map<String, AllowanceExpiry> allowanceExpiryByPlan(Map<String, String> env, PlanCatalog plans) {
        Map<String, AllowanceExpiry> byPlan = new java.util.HashMap<>();
        for (Plan p : plans.all()) {
            byPlan.put(p.id(), new AllowanceExpiry(allowanceExpires(env, p.id()), rolloverMax(env, p.id())));
        }
        return byPlan;
    }

    /**
     * Whether the part of a refund clawback the balance cannot cover becomes debt
     * ({@code REFUND_SHORTFALL=debt}, the default) or is forgiven ({@code forgive}).
     *
     * @throws ConfigException for any other value
     */
    static boolean refundShortfallIsDebt(Map<String, String> env) {
        String v = Config.text(env, "REFUND_SHORTFALL").orElse("debt");
        return switch (v) {
            case "debt" -> true;
            case "forgive" -> false;
            default -> throw new ConfigException("REFUND_SHORTFALL must be debt or forgive, was '" + v + "'");
        };
    }

    /**
     * Days after purchase at which each pack's credits expire, from {@code PACK_<ID>_EXPIRES_DAYS}
     * (1..36500); packs without the variable never expire. The pack id is the lower-cased
     * {@code <ID>} as itself and with {@code _} as {@code -}, so either spelling matches.
     *
     * @throws ConfigException naming the variable for a value out of range
     */
    static Map<String, Long> packExpiryDays(Map<String, String> env) {
        Map<String, Long> days = new java.util.HashMap<>();
        env.keySet().stream().filter(k -> k.startsWith("PACK_") && k.endsWith("_EXPIRES_DAYS")
                        && k.length() > "PACK__EXPIRES_DAYS".length())
                .forEach(k -> {
                    String id = k.substring("PACK_".length(), k.length() - "_EXPIRES_DAYS".length())
                            .toLowerCase(Locale.ROOT);
                    long d = Config.number(env, k, 0, 1, 36_500);
                    days.put(id, d);
                    days.put(id.replace('_', '-'), d);
                });
        return days;
    }

    /** Registers the resources and the sweeper's lifecycle. */
    static void register(Creditline.Core core, LotService lots) {
        OpenApiDocument.include(core.rc(), "lots");
        Settings.LotSettings settings = core.settings().lots();
        core.rc().register(new LotsResource(lots));
        core.rc().register(new LotGrantResource(lots, core.idempotency()));
        core.rc().register(new LotVoidResource(lots, lots::voidLot, core.idempotency()));
        LotExpirySweeper sweeper = new LotExpirySweeper(lots, settings.sweepInterval(), settings.sweepBatch());
        sweeper.start();
        core.closeOnShutdown(sweeper);
    }
}
