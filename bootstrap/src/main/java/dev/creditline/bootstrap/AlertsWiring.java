package dev.creditline.bootstrap;

import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.application.port.out.topup.TopUpGateway;
import dev.creditline.application.service.AutoTopUpService;
import dev.creditline.application.service.BalanceAlertService;
import dev.creditline.application.service.BillingWebhookService;
import dev.creditline.application.service.StripeIntentService;
import dev.creditline.domain.plan.CreditPackCatalog;
import dev.creditline.persistence.JdbiBalanceAlertRepository;
import dev.creditline.persistence.JdbiStripeIntentRepository;
import dev.creditline.persistence.JdbiTopUpRepository;
import dev.creditline.persistence.JdbiTransactions;
import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.rest.resource.AutoTopUpResource;
import dev.creditline.rest.resource.BalanceAlertsResource;
import dev.creditline.rest.resource.InternalBalanceAlertsResource;
import dev.creditline.rest.resource.PaymentMethodResource;
import dev.creditline.stripe.StripePaymentGateway;
import dev.creditline.stripe.StripeTopUpGateway;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Balance alerts and auto top-up (events.md "Balance thresholds", "Auto top-up"; docs/events.md).
 * The alert service is built before the ledger (the ledger tells it about every balance change);
 * auto top-up is attached when billing is wired.
 */
final class AlertsWiring {

    private AlertsWiring() {
    }

    /** The alert service with the {@code LOW_BALANCE_THRESHOLDS} of {@link Settings.AlertSettings}. */
    static BalanceAlertService alerts(Config config, JdbiTransactions tx, EventOutbox events) {
        return new BalanceAlertService(tx, new JdbiBalanceAlertRepository(tx), events,
                config.settings().alerts().lowBalanceThresholds());
    }

    /** Registers the thresholds endpoints (bearer and internal). */
    static void register(Creditline.Core core) {
        OpenApiDocument.include(core.rc(), "alerts");
        core.rc().register(new BalanceAlertsResource(core.alerts()));
        core.rc().register(new InternalBalanceAlertsResource(core.alerts()));
    }

    /**
     * Auto top-up: settings and payment-method endpoints, the trigger on balance changes, the
     * worker's off-session charge and the {@code payment_intent.*} / {@code setup_intent.succeeded}
     * webhooks. Without Stripe the endpoints answer 503 and nothing else changes.
     */
    static void registerTopUps(Creditline.Core core, Optional<PaymentGateway> gateway, CreditPackCatalog packs,
                               String frontendUrl, Map<String, Long> packExpiryDays, StripeIntentService intents,
                               BillingWebhookService webhook, Clock clock) {
        OpenApiDocument.include(core.rc(), "topup");
        AutoTopUpService topUps = new AutoTopUpService(core.tx(), new JdbiTopUpRepository(core.tx()),
                gateway.filter(StripePaymentGateway.class::isInstance)
                        .<TopUpGateway>map(g -> new StripeTopUpGateway((StripePaymentGateway) g)),
                packs, core.ledger(), core.events(), new JdbiStripeIntentRepository(core.tx()), clock, frontendUrl)
                .withPackExpiry(packExpiryDays);
        if (gateway.isPresent()) {
            core.alerts().withTopUps(topUps);
            intents.withTopUps(topUps::charge);
            webhook.withTopUps(topUps::applyWebhook);
        }
        core.rc().register(new AutoTopUpResource(topUps));
        core.rc().register(new PaymentMethodResource(topUps));
    }
}
