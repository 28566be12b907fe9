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
import dev.creditline.persistence.JdbiBillingRepository;
import dev.creditline.persistence.JdbiProfileQueries;
import dev.creditline.persistence.JdbiStripeIntentRepository;
import dev.creditline.application.service.StripeIntentService;
import dev.creditline.rest.problem.PaymentGatewayExceptionMapper;
import dev.creditline.rest.resource.AdminBillingEventsResource;
import dev.creditline.rest.resource.BillingResource;
import dev.creditline.rest.resource.DeleteMeResource;
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

        JdbiBillingRepository billing = new JdbiBillingRepository(core.tx());
        BillingSettings settings = new BillingSettings(config.plans(), config.packs(), config.planCheckoutPrices(),
                config.frontendUrl());
        JdbiStripeIntentRepository intents = new JdbiStripeIntentRepository(core.tx());
        StripeIntentWorker worker = new StripeIntentWorker(new StripeIntentService(intents, gateway, core.clock()),
                core.settings().stripeIntentInterval());
        if (gateway.isPresent()) {
            worker.start();
            core.closeOnShutdown(worker);
        }
        BillingService billingService = new BillingService(core.tx(), billing, gateway, settings, core.clock(),
                intents);
        BillingWebhookService webhook = new BillingWebhookService(core.tx(), billing, core.ledger(), config.plans(),
                verifier, gateway, core.clock(), intents, worker::wake);
        webhook.withPackExpiry(core.settings().lots().packExpiryDays())
                .withAllowanceExpiry(core.settings().lots().allowanceExpiryByPlan());
        if (core.settings().lots().refundShortfallIsDebt()) {
            webhook.withRefundDebt(LotsWiring.lots(core.tx()));
        }
        ProfileService profile = new ProfileService(core.tx(), core.users(), new JdbiAccountRepository(core.tx()),
                billing, new JdbiProfileQueries(core.tx()), config.plans());
        AccountDeletionService deletion = new AccountDeletionService(core.tx(), core.users(), billing, gateway,
                core.clock());

        core.rc().register(new PaymentGatewayExceptionMapper());
        core.rc().register(new BillingResource(billingService, billingService, billingService, billingService,
                billingService, billingService, webhook));
        core.rc().register(new AdminBillingEventsResource(webhook));
        core.rc().register(new UserProfileResource(profile, profile));
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
