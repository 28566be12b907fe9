package dev.creditline.bootstrap;

import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.application.port.in.DefaultPackCheckoutUseCase;
import dev.creditline.application.port.in.LotsUseCase;
import dev.creditline.application.service.CreditViewService;
import dev.creditline.application.service.ModelCallHistoryService;
import dev.creditline.application.service.UsageStatsService;
import dev.creditline.persistence.JdbiCreditViewRepository;
import dev.creditline.persistence.JdbiModelCallQueryRepository;
import dev.creditline.persistence.JdbiUsageStatsRepository;
import dev.creditline.rest.resource.ModelCallExportResource;
import dev.creditline.rest.resource.ModelCallsResource;
import dev.creditline.rest.resource.StatsMaintenanceResource;
import dev.creditline.rest.resource.UsageStatsResource;
import dev.creditline.rest.resource.UserCreditResource;
import dev.creditline.rest.resource.UserInfoResource;
import dev.creditline.rest.resource.UserTransactionsResource;
import java.util.Map;

/**
 * Wires the User Service family ({@code /api/user}, analytics.md, docs/analytics.md).
 * Configuration: {@code STRIPE_SECRET_KEY} (set → credit purchase enabled), {@code PAYMENT_LINK_URL},
 * {@code PROFILE_LINK_URL}, {@code EXPORT_MAX_ROWS} (default 10,000, 1..1,000,000).
 */
final class AnalyticsWiring {

    /** Export row cap when {@code EXPORT_MAX_ROWS} is unset. */
    static final long DEFAULT_EXPORT_MAX_ROWS = 10_000;

    private AnalyticsWiring() {
    }

    /**
     * Registers the {@code /api/user} resources.
     *
     * @param checkout the default-pack Checkout (billing feature), called when Stripe is configured
     * @param lots     the lots shown with the balance and the grants
     * @throws ConfigException for a bad {@code EXPORT_MAX_ROWS}
     */
    static void register(Creditline.Core core, DefaultPackCheckoutUseCase checkout, LotsUseCase lots) {
        OpenApiDocument.include(core.rc(), "analytics");
        // History, exports and all-users statistics need no read-your-writes: they read through
        // database().reads(), a read replica when DATABASE_READ_URL is set (docs/operations.md).
        Settings.AnalyticsSettings settings = core.settings().analytics();
        CreditViewService credits = new CreditViewService(
                new JdbiCreditViewRepository(core.tx(), core.database().reads()), checkout,
                core.settings().billing().stripeSecretKey().isPresent(), settings.paymentLinkUrl(),
                settings.profileLinkUrl());
        ModelCallHistoryService history = new ModelCallHistoryService(
                new JdbiModelCallQueryRepository(core.database().reads()),
                settings.exportMaxRows());
        UsageStatsService stats = new UsageStatsService(core.tx(), core.users(),
                new JdbiUsageStatsRepository(core.tx(), core.database().reads()), core.clock());
        core.rc().register(new UserInfoResource(credits));
        core.rc().register(new UserCreditResource(credits, lots));
        core.rc().register(new UserTransactionsResource(credits));
        core.rc().register(new ModelCallsResource(history));
        core.rc().register(new ModelCallExportResource(history, core.clock()));
        core.rc().register(new UsageStatsResource(stats));
        core.rc().register(new StatsMaintenanceResource(stats));
    }
}
