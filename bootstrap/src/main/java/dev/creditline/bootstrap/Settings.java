package dev.creditline.bootstrap;

import dev.creditline.application.service.MeteringService;
import dev.creditline.domain.lot.AllowanceExpiry;
import dev.creditline.domain.plan.PlanCatalog;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.persistence.Database;
import dev.creditline.rest.operations.CorsPolicy;
import dev.creditline.rest.resource.HealthResource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The feature settings of docs/configuration.md, parsed once from the environment when the
 * configuration is read ({@link Config#from}), so a bad value refuses start-up before anything
 * runs and every wiring class reads typed values instead of looking names up again. Each group
 * keeps its variables' names, defaults, ranges and error messages.
 *
 * @param database             connection and statement timeouts, pooler, read replica
 * @param readyTimeout         {@code READY_TIMEOUT_MS} (default 2,000, 100..30,000): the readiness probe's database wait
 * @param idempotencyRetention {@code IDEMPOTENCY_KEY_RETENTION_HOURS} (default 24, 24..8760)
 * @param cors                 browser origins allowed ({@code FRONTEND_URL}; dev mode adds every loopback origin)
 * @param billing              plans, packs, Stripe keys, return URLs ({@link BillingConfig})
 * @param stripeIntentInterval {@code STRIPE_INTENT_INTERVAL_SECONDS} (default 5, 1..3600): the Stripe intent worker's pass
 * @param defaultPack          {@code DEFAULT_PACK} (default {@code starter}): the payment link's pack
 * @param metering             hold sweeper and sized-hold ceiling
 * @param lots                 lot expiry sweeper and expiry rules
 * @param guests               guest tokens, limits and cookie
 * @param analytics            export cap and the User Service links
 */
record Settings(DatabaseSettings database, Duration readyTimeout, Duration idempotencyRetention, CorsPolicy cors,
                BillingConfig billing, Duration stripeIntentInterval, String defaultPack, MeteringSettings metering,
                LotSettings lots, GuestSettings guests, AnalyticsSettings analytics) {

    /** @throws ConfigException naming the first unusable variable */
    static Settings from(Map<String, String> env) {
        BillingConfig billing = BillingConfig.from(env);
        return new Settings(DatabaseSettings.from(env),
                Duration.ofMillis(Config.number(env, "READY_TIMEOUT_MS", HealthResource.DEFAULT_READY_TIMEOUT.toMillis(),
                        100, 30_000)),
                Duration.ofHours(Config.number(env, "IDEMPOTENCY_KEY_RETENTION_HOURS", 24, 24, 8760)),
                cors(env), billing,
                Duration.ofSeconds(Config.number(env, "STRIPE_INTENT_INTERVAL_SECONDS", 5, 1, 3600)),
                Config.text(env, "DEFAULT_PACK").orElse("starter"), MeteringSettings.from(env),
                LotSettings.from(env, billing.plans()), GuestSettings.from(env), AnalyticsSettings.from(env));
    }

    private static CorsPolicy cors(Map<String, String> env) {
        CorsPolicy cors;
        try {
            cors = CorsPolicy.fromFrontendUrl(Config.text(env, "FRONTEND_URL").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("FRONTEND_URL must be a comma-separated list of origins: " + e.getMessage());
        }
        return DevMode.isOn(env) ? cors.withAnyLoopback() : cors;
    }

    /**
     * @param connectTimeout   {@code DATABASE_CONNECT_TIMEOUT_MS} (default 2,000, 250..60,000): longest wait for a connection
     * @param statementTimeout {@code DATABASE_STATEMENT_TIMEOUT_MS} (default 30,000, 0 disables, at most one hour)
     * @param behindPooler     {@code DATABASE_POOLER=pgbouncer}
     * @param readUrl          {@code DATABASE_READ_URL}, the read replica
     * @param readPoolSize     {@code DATABASE_READ_POOL_SIZE} (default 4, 1..200)
     * @param readMaxLag       {@code DATABASE_READ_MAX_LAG} (default 10 s, 2..3600)
     */
    record DatabaseSettings(Duration connectTimeout, Duration statementTimeout, boolean behindPooler,
                            Optional<DatabaseUrl> readUrl, int readPoolSize, Duration readMaxLag) {

        static DatabaseSettings from(Map<String, String> env) {
            boolean pooler = DatabaseScaling.behindPooler(env);
            Optional<DatabaseUrl> readUrl = Config.text(env, "DATABASE_READ_URL")
                    .map(v -> DatabaseUrl.parse("DATABASE_READ_URL", v));
            Duration maxLag = DatabaseScaling.maxLag(env);
            int readPool = (int) Config.number(env, "DATABASE_READ_POOL_SIZE", DatabaseScaling.DEFAULT_READ_POOL_SIZE,
                    1, 200);
            return new DatabaseSettings(
                    Duration.ofMillis(Config.number(env, "DATABASE_CONNECT_TIMEOUT_MS",
                            Database.DEFAULT_CONNECT_TIMEOUT.toMillis(), 250, 60_000)),
                    Duration.ofMillis(Config.number(env, "DATABASE_STATEMENT_TIMEOUT_MS",
                            Database.DEFAULT_STATEMENT_TIMEOUT.toMillis(), 0, 3_600_000)),
                    pooler, readUrl, readPool, maxLag);
        }
    }

    /**
     * @param pricing           the pricing table ({@code PRICING_FILE}, else the built-in defaults; {@link PricingFile})
     * @param holdSweepInterval {@code HOLD_SWEEP_INTERVAL_SECONDS} (default 30, 1..3600)
     * @param holdSweepBatch    {@code HOLD_SWEEP_BATCH} (default 500, 1..100,000)
     * @param maxOutputTokens   {@code HOLD_MAX_OUTPUT_TOKENS}: ceiling on a sized hold's {@code maxOutputTokens}
     *                          (default 1,000,000, 1..10^12)
     */
    record MeteringSettings(PricingTable pricing, Duration holdSweepInterval, int holdSweepBatch, long maxOutputTokens) {

        static MeteringSettings from(Map<String, String> env) {
            return new MeteringSettings(PricingFile.load(env),
                    Duration.ofSeconds(Config.number(env, "HOLD_SWEEP_INTERVAL_SECONDS", 30, 1, 3600)),
                    (int) Config.number(env, "HOLD_SWEEP_BATCH", 500, 1, 100_000),
                    Config.number(env, "HOLD_MAX_OUTPUT_TOKENS", MeteringService.DEFAULT_MAX_OUTPUT_TOKENS, 1,
                            1_000_000_000_000L));
        }
    }

    /**
     * @param sweepInterval          {@code LOT_EXPIRY_SWEEP_INTERVAL_SECONDS} (default 60, 1..86,400)
     * @param sweepBatch             {@code LOT_EXPIRY_SWEEP_BATCH} (default 500, 1..100,000)
     * @param freeAllowanceExpires   {@code PLAN_FREE_ALLOWANCE_EXPIRY=period_end}
     * @param freeRolloverMax        {@code PLAN_FREE_ROLLOVER_MAX} (default 0: no rollover)
     * @param allowanceExpiryByPlan  {@code PLAN_<ID>_ALLOWANCE_EXPIRY} and {@code PLAN_<ID>_ROLLOVER_MAX} by plan id
     * @param packExpiryDays         {@code PACK_<ID>_EXPIRES_DAYS} by pack id
     * @param refundShortfallIsDebt  {@code REFUND_SHORTFALL} ({@code debt}, the default, or {@code forgive})
     */
    record LotSettings(Duration sweepInterval, int sweepBatch, boolean freeAllowanceExpires, long freeRolloverMax,
                       Map<String, AllowanceExpiry> allowanceExpiryByPlan, Map<String, Long> packExpiryDays,
                       boolean refundShortfallIsDebt) {

        static LotSettings from(Map<String, String> env, PlanCatalog plans) {
            return new LotSettings(
                    Duration.ofSeconds(Config.number(env, "LOT_EXPIRY_SWEEP_INTERVAL_SECONDS", 60, 1, 86_400)),
                    (int) Config.number(env, "LOT_EXPIRY_SWEEP_BATCH", 500, 1, 100_000),
                    LotsWiring.allowanceExpires(env, "free"),
                    LotsWiring.rolloverMax(env, "free"),
                    Map.copyOf(LotsWiring.allowanceExpiryByPlan(env, plans)),
                    Map.copyOf(LotsWiring.packExpiryDays(env)),
                    LotsWiring.refundShortfallIsDebt(env));
        }
    }

    /**
     * @param secret       {@code GUEST_SECRET}; empty → guest endpoints answer 503
     * @param uploadLimit  {@code GUEST_UPLOAD_LIMIT} (default 1, 0..1,000,000)
     * @param chatLimit    {@code GUEST_CHAT_LIMIT} (default 3, 0..1,000,000)
     * @param secureCookie {@code COOKIE_SECURE=true} or an https {@code FRONTEND_URL}
     */
    record GuestSettings(Optional<String> secret, int uploadLimit, int chatLimit, boolean secureCookie) {

        static GuestSettings from(Map<String, String> env) {
            return new GuestSettings(Config.text(env, "GUEST_SECRET"),
                    (int) Config.number(env, "GUEST_UPLOAD_LIMIT", 1, 0, 1_000_000),
                    (int) Config.number(env, "GUEST_CHAT_LIMIT", 3, 0, 1_000_000),
                    GuestWiring.secureCookie(env));
        }
    }

    /**
     * @param exportMaxRows   {@code EXPORT_MAX_ROWS} (default 10,000, 1..1,000,000)
     * @param paymentLinkUrl  {@code PAYMENT_LINK_URL}
     * @param profileLinkUrl  {@code PROFILE_LINK_URL}
     */
    record AnalyticsSettings(int exportMaxRows, Optional<String> paymentLinkUrl, Optional<String> profileLinkUrl) {

        static AnalyticsSettings from(Map<String, String> env) {
            return new AnalyticsSettings(
                    (int) Config.number(env, "EXPORT_MAX_ROWS", AnalyticsWiring.DEFAULT_EXPORT_MAX_ROWS, 1, 1_000_000),
                    Config.text(env, "PAYMENT_LINK_URL"), Config.text(env, "PROFILE_LINK_URL"));
        }
    }
}
