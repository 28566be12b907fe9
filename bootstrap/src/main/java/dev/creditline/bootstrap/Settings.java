package dev.creditline.bootstrap;

import dev.creditline.application.service.MeteringService;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.alert.BalanceAlerts;
import dev.creditline.domain.event.RetrySchedule;
import dev.creditline.domain.event.WebhookUrls;
import dev.creditline.domain.lot.AllowanceExpiry;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.persistence.Database;
import dev.creditline.rest.operations.CorsPolicy;
import dev.creditline.rest.resource.HealthResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
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
 * @param alerts               balance thresholds
 * @param webhooks             the configured webhook endpoint, retries, dispatcher, expiry notices
 * @param frontendUrl          {@code FRONTEND_URL} as set, empty when unset (the start-up log names it then)
 * @param devMode              whether the {@code dev} command prepared the environment ({@link DevMode#isOn})
 */
record Settings(DatabaseSettings database, Duration readyTimeout, Duration idempotencyRetention, CorsPolicy cors,
                BillingConfig billing, Duration stripeIntentInterval, String defaultPack, MeteringSettings metering,
                LotSettings lots, GuestSettings guests, AnalyticsSettings analytics, AlertSettings alerts,
                WebhookSettings webhooks, Optional<String> frontendUrl, boolean devMode) {

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
                LotSettings.from(env, billing.plans()), GuestSettings.from(env), AnalyticsSettings.from(env),
                AlertSettings.from(env), WebhookSettings.from(env), Config.text(env, "FRONTEND_URL"),
                DevMode.isOn(env));
    }

    /**
     * A {@code true|false} flag (also {@code 1|0}, {@code yes|no}, any case), or {@code otherwise} when unset.
     *
     * @throws ConfigException naming the variable for any other value
     */
    private static boolean flag(Map<String, String> env, String name, boolean otherwise) {
        Optional<String> v = Config.text(env, name).map(x -> x.toLowerCase(Locale.ROOT));
        if (v.isEmpty()) {
            return otherwise;
        }
        return switch (v.get()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name + " must be true or false, was '" + v.get() + "'");
        };
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
            boolean pooler = behindPooler(env);
            Optional<DatabaseUrl> readUrl = Config.text(env, "DATABASE_READ_URL")
                    .map(v -> DatabaseUrl.parse("DATABASE_READ_URL", v));
            Duration maxLag = maxLag(env);
            int readPool = (int) Config.number(env, "DATABASE_READ_POOL_SIZE", DatabaseScaling.DEFAULT_READ_POOL_SIZE,
                    1, 200);
            return new DatabaseSettings(
                    Duration.ofMillis(Config.number(env, "DATABASE_CONNECT_TIMEOUT_MS",
                            Database.DEFAULT_CONNECT_TIMEOUT.toMillis(), 250, 60_000)),
                    Duration.ofMillis(Config.number(env, "DATABASE_STATEMENT_TIMEOUT_MS",
                            Database.DEFAULT_STATEMENT_TIMEOUT.toMillis(), 0, 3_600_000)),
                    pooler, readUrl, readPool, maxLag);
        }

        /**
         * {@code DATABASE_POOLER}: {@code none} (default) or {@code pgbouncer} (a pooler in transaction
         * mode is in front of PostgreSQL, for the primary and the replica alike).
         */
        static boolean behindPooler(Map<String, String> env) {
            String v = Config.text(env, "DATABASE_POOLER").orElse("none").toLowerCase(Locale.ROOT);
            return switch (v) {
                case "none" -> false;
                case "pgbouncer" -> true;
                default -> throw new ConfigException("DATABASE_POOLER must be none or pgbouncer, was '" + v + "'");
            };
        }

        /**
         * {@code DATABASE_READ_MAX_LAG}: whole seconds (2..3600), optionally suffixed {@code s}; default
         * 10. At least 2: the lag is measured against WAL positions sampled every second, so it is
         * known to within a second (an upper bound).
         */
        static Duration maxLag(Map<String, String> env) {
            Optional<String> v = Config.text(env, "DATABASE_READ_MAX_LAG");
            if (v.isEmpty()) {
                return DatabaseScaling.DEFAULT_MAX_LAG;
            }
            String digits = v.get().endsWith("s") ? v.get().substring(0, v.get().length() - 1).trim() : v.get();
            long seconds = Config.number(Map.of("DATABASE_READ_MAX_LAG", digits), "DATABASE_READ_MAX_LAG", 10, 2, 3600);
            return Duration.ofSeconds(seconds);
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
                    allowanceExpires(env, "free"),
                    rolloverMax(env, "free"),
                    Map.copyOf(allowanceExpiryByPlan(env, plans)),
                    Map.copyOf(packExpiryDays(env)),
                    refundShortfallIsDebt(env));
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
            Map<String, AllowanceExpiry> byPlan = new HashMap<>();
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
            Map<String, Long> days = new HashMap<>();
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
                    secureCookie(env));
        }

        /** {@code COOKIE_SECURE=true}, or an https {@code FRONTEND_URL}. */
        static boolean secureCookie(Map<String, String> env) {
            boolean explicit = Config.text(env, "COOKIE_SECURE").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException("COOKIE_SECURE must be true or false, was '" + v + "'");
            }).orElse(false);
            boolean https = Config.primaryFrontendUrl(env).toLowerCase(Locale.ROOT).startsWith("https://");
            return explicit || https;
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

    /**
     * @param lowBalanceThresholds {@code LOW_BALANCE_THRESHOLDS}: credits, comma-separated, default 1000;
     *                             {@code off}: none
     */
    record AlertSettings(long[] lowBalanceThresholds) {

        static AlertSettings from(Map<String, String> env) {
            String value = Config.text(env, "LOW_BALANCE_THRESHOLDS").orElse("1000");
            if (value.equalsIgnoreCase("off")) {
                return new AlertSettings(new long[0]);
            }
            try {
                return new AlertSettings(BalanceAlerts.parse(value));
            } catch (ValidationException e) {
                throw new ConfigException("LOW_BALANCE_THRESHOLDS must be comma-separated whole credits from 1 to "
                        + BalanceAlerts.MAX_THRESHOLD + " (or off), was '" + value + "'");
            }
        }

        /** A copy: the thresholds stay as parsed. */
        @Override
        public long[] lowBalanceThresholds() {
            return lowBalanceThresholds.clone();
        }
    }

    /**
     * The settings of docs/configuration.md "Webhooks".
     *
     * @param url              {@code WEBHOOK_URL}
     * @param secret           {@code WEBHOOK_SECRET} ({@code whsec_<base64>}), required with the URL
     * @param allowHttp        {@code ALLOW_HTTP_WEBHOOKS}: http (and https) to loopback hosts
     * @param schedule         {@code WEBHOOK_RETRY_SCHEDULE}, {@code WEBHOOK_RETRY_WINDOW_MINUTES}
     * @param disableAfter     {@code WEBHOOK_DISABLE_AFTER_FAILURES} (default 20, 1..1,000,000)
     * @param dispatch         whether this instance runs the dispatcher ({@code WEBHOOK_DISPATCHER}, default true)
     * @param interval         {@code WEBHOOK_DISPATCH_INTERVAL_MS} (default 1,000, 10..3,600,000)
     * @param batch            {@code WEBHOOK_DISPATCH_BATCH} (default 100, 1..10,000)
     * @param senders          {@code WEBHOOK_DISPATCH_CONCURRENCY} (default 8, 1..256)
     * @param rotationGrace    {@code WEBHOOK_SECRET_ROTATION_HOURS} (default 24, 0..720)
     * @param expiryNotice     {@code EXPIRY_NOTICE_DAYS} (default 7, 0..3650)
     * @param noticeInterval   {@code LOT_EXPIRY_SWEEP_INTERVAL_SECONDS} (default 60, 1..86,400)
     */
    record WebhookSettings(Optional<String> url, Optional<String> secret, boolean allowHttp, RetrySchedule schedule,
                           int disableAfter, boolean dispatch, Duration interval, int batch, int senders,
                           Duration rotationGrace, Duration expiryNotice, Duration noticeInterval) {

        /** @throws ConfigException naming the variable */
        static WebhookSettings from(Map<String, String> env) {
            boolean allowHttp = flag(env, "ALLOW_HTTP_WEBHOOKS", false);
            Optional<String> url = Config.text(env, "WEBHOOK_URL");
            Optional<String> secret = Config.text(env, "WEBHOOK_SECRET");
            if (url.isPresent()) {
                try {
                    WebhookUrls.check("WEBHOOK_URL", url.get(), allowHttp);
                } catch (ValidationException e) {
                    throw new ConfigException(e.getMessage());
                }
                if (secret.isEmpty()) {
                    throw new ConfigException("WEBHOOK_SECRET is required with WEBHOOK_URL (whsec_<base64>, e.g. from"
                            + " `openssl rand -base64 32`)");
                }
            }
            if (secret.isPresent()) {
                try {
                    if (StandardWebhookSender.key(secret.get()).length < 16) {
                        throw new ConfigException("WEBHOOK_SECRET's key must be at least 16 bytes (24 to 64 recommended)");
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("WEBHOOK_SECRET must be whsec_ followed by base64, e.g. whsec_"
                            + "<output of `openssl rand -base64 32`>");
                }
            }
            RetrySchedule schedule;
            try {
                schedule = new RetrySchedule(RetrySchedule.parse(Config.text(env, "WEBHOOK_RETRY_SCHEDULE")
                        .orElse(RetrySchedule.DEFAULT)),
                        Duration.ofMinutes(Config.number(env, "WEBHOOK_RETRY_WINDOW_MINUTES",
                                RetrySchedule.DEFAULT_WINDOW.toMinutes(), 1, 30L * 24 * 60)),
                        RetrySchedule.DEFAULT_JITTER);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("WEBHOOK_RETRY_SCHEDULE: " + e.getMessage());
            }
            return new WebhookSettings(url, secret, allowHttp, schedule,
                    (int) Config.number(env, "WEBHOOK_DISABLE_AFTER_FAILURES", 20, 1, 1_000_000),
                    flag(env, "WEBHOOK_DISPATCHER", true),
                    Duration.ofMillis(Config.number(env, "WEBHOOK_DISPATCH_INTERVAL_MS", 1000, 10, 3_600_000)),
                    (int) Config.number(env, "WEBHOOK_DISPATCH_BATCH", 100, 1, 10_000),
                    (int) Config.number(env, "WEBHOOK_DISPATCH_CONCURRENCY", 8, 1, 256),
                    Duration.ofHours(Config.number(env, "WEBHOOK_SECRET_ROTATION_HOURS", 24, 0, 24 * 30)),
                    Duration.ofDays(Config.number(env, "EXPIRY_NOTICE_DAYS", 7, 0, 3650)),
                    Duration.ofSeconds(Config.number(env, "LOT_EXPIRY_SWEEP_INTERVAL_SECONDS", 60, 1, 86_400)));
        }
    }
}
