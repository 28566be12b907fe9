package dev.creditline.bootstrap;

import dev.creditline.application.port.in.DefaultPackCheckoutUseCase;
import dev.creditline.application.port.in.DeleteUserUseCase;
import dev.creditline.rest.resource.PaymentLinkResource;
import dev.creditline.application.service.DefaultPackCheckoutService;
import dev.creditline.rest.operations.OpenApiDocument;
import dev.creditline.application.port.out.billing.BillingEventVerifier;
import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.application.service.AccountDeletionService;
import dev.creditline.application.service.BillingService;
import dev.creditline.application.service.BillingSettings;
import dev.creditline.application.service.BillingWebhookService;
import dev.creditline.application.service.ProfileService;
import dev.creditline.persistence.JdbiAccountRepository;
import dev.creditline.persistence.JdbiBillingAccountRepository;
import dev.creditline.persistence.JdbiBillingEventInbox;
import dev.creditline.persistence.JdbiCheckoutAttemptRepository;
import dev.creditline.persistence.JdbiDisputeRepository;
import dev.creditline.persistence.JdbiPaidGrantRepository;
import dev.creditline.persistence.JdbiSubscriptionMarkRepository;
import dev.creditline.persistence.JdbiProfileQueries;
import dev.creditline.persistence.JdbiStripeIntentRepository;
import dev.creditline.application.service.StripeIntentService;
import dev.creditline.rest.problem.PaymentGatewayExceptionMapper;
import dev.creditline.rest.resource.AdminBillingEventsResource;
import dev.creditline.rest.resource.CheckoutStatusResource;
import dev.creditline.rest.resource.CreditPacksResource;
import dev.creditline.rest.resource.StripeWebhookResource;
import dev.creditline.rest.resource.SubscriptionResource;
import dev.creditline.rest.resource.DeleteMeResource;
import dev.creditline.rest.resource.UsageBreakdownResource;
import dev.creditline.rest.resource.UserProfileResource;
import dev.creditline.stripe.StripeBillingEventVerifier;
import dev.creditline.stripe.StripePaymentGateway;
import dev.creditline.stripe.StripeSettings;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Billing: plans, credit packs, Stripe checkout and portal, the webhook, the user
 * profile, usage breakdown and account deletion (docs/billing.md).
 */
final class BillingWiring {

    private static final Logger LOG = LoggerFactory.getLogger(BillingWiring.class);

    private BillingWiring() {
    }

    /**
     * Builds the billing services from {@code core} and registers their resources.
     *
     * @return the payment link ({@code DEFAULT_PACK}, default {@code starter}) and account deletion
     */
    /**
     * What other features use from billing.
     *
     * @param defaultPackCheckout the payment link (signed, no side effect) of the User Service family
     * @param deleteUser          account deletion that cancels at Stripe first, for the Auth.js adapter
     */
    record Billing(DefaultPackCheckoutUseCase defaultPackCheckout, DeleteUserUseCase deleteUser) {
    }

    static Billing register(Creditline.Core core) {
        OpenApiDocument.include(core.rc(), "billing");
        BillingConfig config = core.settings().billing();
        Optional<PaymentGateway> gateway = config.stripeSecretKey()
                .map(key -> new StripePaymentGateway(StripeSettings.of(key, config.stripeApiBase().orElse(null))));
        Optional<BillingEventVerifier> verifier = config.webhookSecret()
                .map(secret -> new StripeBillingEventVerifier(secret, core.clock()));
        if (gateway.isEmpty()) {
            LOG.warn("STRIPE_SECRET_KEY is not set: billing endpoints answer 503 'Stripe not configured'");
        }
        if (verifier.isEmpty()) {
            LOG.warn("STRIPE_WEBHOOK_SECRET is not set: POST /api/billing/webhook answers 503");
        }
        config.plans().all().stream().filter(p -> p.paid() && p.stripePriceIds().isEmpty()).forEach(p ->
                LOG.warn("plan {} has no Stripe price: it cannot be subscribed to", p.id()));

        JdbiBillingAccountRepository accounts = new JdbiBillingAccountRepository(core.tx());
        JdbiCheckoutAttemptRepository attempts = new JdbiCheckoutAttemptRepository(core.tx());
        JdbiSubscriptionMarkRepository subscriptions = new JdbiSubscriptionMarkRepository(core.tx());
        BillingSettings settings = new BillingSettings(config.plans(), config.packs(), config.planCheckoutPrices(),
                config.frontendUrl());
        JdbiStripeIntentRepository intents = new JdbiStripeIntentRepository(core.tx());
        StripeIntentService intentService = new StripeIntentService(intents, gateway, core.clock());
        StripeIntentWorker worker = new StripeIntentWorker(intentService, core.settings().stripeIntentInterval());
        if (gateway.isPresent()) {
            worker.start();
            core.closeOnShutdown(worker);
        }
        BillingService billingService = new BillingService(core.tx(), accounts, attempts, gateway, settings,
                core.clock(), intents);
        BillingWebhookService webhook = new BillingWebhookService(core.tx(), accounts, attempts,
                new JdbiPaidGrantRepository(core.tx()), new JdbiDisputeRepository(core.tx()), subscriptions,
                new JdbiBillingEventInbox(core.tx()), core.ledger(), config.plans(),
                verifier, gateway, core.clock(), intents, worker::wake);
        webhook.withPackExpiry(core.settings().lots().packExpiryDays())
                .withAllowanceExpiry(core.settings().lots().allowanceExpiryByPlan());
        webhook.withEvents(core.events());
        if (core.settings().lots().refundShortfallIsDebt()) {
            webhook.withRefundDebt(LotsWiring.lots(core.tx()));
        }
        // Auto top-up (docs/events.md): settings, payment method, off-session charges, payment_intent webhooks.
        AlertsWiring.registerTopUps(core, gateway, config.packs(), config.frontendUrl(),
                core.settings().lots().packExpiryDays(), intentService, webhook, core.clock());
        ProfileService profile = new ProfileService(core.tx(), core.users(), new JdbiAccountRepository(core.tx()),
                accounts, new JdbiProfileQueries(core.tx()), config.plans());
        AccountDeletionService deletion = new AccountDeletionService(core.tx(), core.users(), accounts, attempts,
                subscriptions, gateway,
                core.clock());

        core.rc().register(new PaymentGatewayExceptionMapper());
        core.rc().register(new CreditPacksResource(billingService, billingService));
        core.rc().register(new SubscriptionResource(billingService, billingService, billingService));
        core.rc().register(new CheckoutStatusResource(billingService));
        core.rc().register(new StripeWebhookResource(webhook));
        core.rc().register(new AdminBillingEventsResource(webhook));
        core.rc().register(new UserProfileResource(profile));
        core.rc().register(new UsageBreakdownResource(profile));
        core.rc().register(new DeleteMeResource(deletion));
        DefaultPackCheckoutService paymentLink = new DefaultPackCheckoutService(billingService,
                core.settings().defaultPack(),
                core.config().authSecrets().stream().findFirst()
                        .<dev.creditline.application.port.out.billing.LinkSigner>map(secret ->
                                new HmacLinkSigner(secret, "creditline payment link v1")),
                core.clock());
        core.rc().register(new PaymentLinkResource(paymentLink));
        return new Billing(paymentLink, deletion);
    }
}
