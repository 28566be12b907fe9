package dev.creditline.bootstrap;

import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.application.service.FreeAllowanceService;
import dev.creditline.application.service.IdempotencyService;
import dev.creditline.application.service.MeteringService;
import dev.creditline.persistence.JdbiHoldRepository;
import dev.creditline.persistence.JdbiModelCallRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.rest.resource.HoldExtendResource;
import dev.creditline.rest.resource.CaptureHoldResource;
import dev.creditline.rest.resource.CreateHoldResource;
import dev.creditline.rest.resource.CreditCheckResource;
import dev.creditline.rest.resource.RecordModelCallResource;
import dev.creditline.rest.resource.ReleaseHoldResource;
import java.time.Clock;

/**
 * Wiring of metering (api.md "Metering"): model calls, holds, credit checks,
 * idempotency keys, the lazy free allowance and the hold sweeper. Settings (docs/metering.md):
 * {@code PRICING_FILE}, {@code HOLD_SWEEP_INTERVAL_SECONDS} (default 30, 1..3600),
 * {@code HOLD_SWEEP_BATCH} (default 500, 1..100000), {@code IDEMPOTENCY_KEY_RETENTION_HOURS}
 * (default 24, 24..8760), {@code HOLD_MAX_OUTPUT_TOKENS} (ceiling on a sized hold's {@code maxOutputTokens},
 * default 1,000,000, 1..10^12). The sweeper starts here and is stopped by {@link Creditline#close()} after
 * the HTTP server and before the connection pool ({@link Creditline.Core#closeOnShutdown}).
 */
final class MeteringWiring {

    private MeteringWiring() {
    }

    /**
     * The lazy free allowance on the configured plan catalog's free plan (10,000 credits per 30
     * days unless {@code PLAN_FREE_CREDITS} says otherwise; see {@link BillingConfig}).
     */
    static FreeAllowanceService freeAllowance(Config config, JdbiTransactions tx, UserRepository users,
                                              LedgerRepository ledger, Clock clock) {
        return new FreeAllowanceService(tx, users, ledger, clock, config.settings().billing().plans().free(),
                LotsWiring.lots(tx), config.settings().lots().freeAllowanceExpires())
                .withRolloverMax(config.settings().lots().freeRolloverMax());
    }

    /** Registers the metering resource and the hold sweeper's lifecycle on {@code core.rc()}. */
    static void register(Creditline.Core core) {
        OpenApiDocument.include(core.rc(), "metering");
        Settings.MeteringSettings settings = core.settings().metering();
        FreeAllowanceService allowance = core.freeAllowance();
        MeteringService metering = new MeteringService(core.tx(), core.users(), core.ledger(),
                new JdbiModelCallRepository(core.tx()), new JdbiHoldRepository(core.tx()), allowance,
                settings.pricing(), core.clock(), settings.maxOutputTokens()).withEvents(core.events());
        IdempotencyService idempotency = core.idempotency();
        core.rc().register(new RecordModelCallResource(metering, metering, idempotency));
        core.rc().register(new CreditCheckResource(metering));
        core.rc().register(new CreateHoldResource(metering, metering, idempotency));
        core.rc().register(new CaptureHoldResource(metering, metering, metering, idempotency));
        core.rc().register(new ReleaseHoldResource(metering, idempotency));
        core.rc().register(new HoldExtendResource(metering, idempotency));

        HoldSweeper sweeper = new HoldSweeper(metering, idempotency, settings.holdSweepInterval(),
                settings.holdSweepBatch());
        sweeper.start();
        core.closeOnShutdown(sweeper);
    }
}
