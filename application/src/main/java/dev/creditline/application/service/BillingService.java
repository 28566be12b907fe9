package dev.creditline.application.service;

import dev.creditline.application.port.in.BuyCreditPackUseCase;
import dev.creditline.application.port.in.CancelSubscriptionUseCase;
import dev.creditline.application.port.in.CheckoutStatusUseCase;
import dev.creditline.application.port.in.ListCreditPacksUseCase;
import dev.creditline.application.port.in.OpenBillingPortalUseCase;
import dev.creditline.application.port.in.SubscribeUseCase;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.application.port.out.billing.CheckoutAttempt;
import dev.creditline.domain.billing.CheckoutSession;
import dev.creditline.application.port.out.billing.CheckoutSessionStatus;
import dev.creditline.application.port.out.billing.PackCheckoutRequest;
import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.application.port.out.billing.PaymentGatewayException;
import dev.creditline.application.port.out.billing.StripeIntent;
import dev.creditline.application.port.out.billing.StripeIntentRepository;
import dev.creditline.application.port.out.billing.SubscriptionCheckoutRequest;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.domain.billing.AlreadySubscribedException;
import dev.creditline.domain.billing.BillingNotConfiguredException;
import dev.creditline.domain.billing.CheckoutSessionNotFoundException;
import dev.creditline.domain.billing.NoActiveSubscriptionException;
import dev.creditline.domain.billing.NoStripeCustomerException;
import dev.creditline.domain.billing.Subscriptions;
import dev.creditline.domain.billing.UnknownPlanException;
import dev.creditline.domain.plan.CreditPack;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outgoing side of billing: products, pack checkout, subscription checkout, portal,
 * cancellation and checkout status (billing.md "Outgoing calls"; api.md "Billing").
 *
 * <p>Stripe is never called inside a database transaction. Every creating call's idempotency
 * key comes from a durable id stored before the call: {@code checkout_attempt_<attempt id>},
 * {@code customer_<user id>}, {@code cancel_at_period_end_<cancel intent id>} (lesson 8).
 * With no gateway ({@code STRIPE_SECRET_KEY} unset) every call but {@link #creditPacks()}
 * throws {@link BillingNotConfiguredException}.
 */
public final class BillingService implements ListCreditPacksUseCase, BuyCreditPackUseCase, SubscribeUseCase,
        OpenBillingPortalUseCase, CancelSubscriptionUseCase, CheckoutStatusUseCase {

    /**
     * A subscription attempt still {@code creating} after this long is abandoned (Stripe keeps
     * idempotency keys about 24 h, so its key could no longer replay the first answer).
     */
    static final Duration ABANDONED_AFTER = Duration.ofHours(23);

    private final TransactionPort tx;
    private final BillingAccountRepository accounts;
    private final CheckoutAttemptRepository attempts;
    private final Optional<PaymentGateway> gateway;
    private final BillingSettings settings;
    private final Clock clock;
    private final StripeIntentRepository intents;
    private final StripeIntentService performer;

    /**
     * @param gateway empty when {@code STRIPE_SECRET_KEY} is unset
     * @param intents the Stripe outbox (a cancel request is recorded there with its own key)
     */
    public BillingService(TransactionPort tx, BillingAccountRepository accounts,
                          CheckoutAttemptRepository attempts, Optional<PaymentGateway> gateway,
                          BillingSettings settings, Clock clock, StripeIntentRepository intents) {
        this.tx = tx;
        this.accounts = accounts;
        this.attempts = attempts;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.intents = intents;
        this.performer = new StripeIntentService(intents, gateway, clock);
    }

    @Override
    public List<CreditPack> creditPacks() {
        return settings.packs().all();
    }

    @Override
    public String startPackCheckout(UUID userId, String packId) {
        PaymentGateway stripe = stripe();
        CreditPack pack = settings.packs().require(packId);
        if (!pack.purchasable()) {
            throw new BillingNotConfiguredException("Stripe not configured: the pack " + pack.id()
                    + " has no Stripe price (STRIPE_PRICE_PACK_" + pack.id().toUpperCase(java.util.Locale.ROOT) + ")");
        }
        Instant now = now();
        CheckoutAttempt attempt = new CheckoutAttempt(UUID.randomUUID(), userId, CheckoutAttempt.PACK, pack.id(),
                CheckoutAttempt.CREATING, null, null, null, now);
        BillingAccount account = tx.inTransaction(() -> {
            BillingAccount a = accounts.findAccount(userId).orElseThrow(UserNotFoundException::new);
            attempts.insertAttempt(attempt);
            return a;
        });
        CheckoutSession session;
        try {
            session = stripe.createPackCheckout(new PackCheckoutRequest(userId, pack.id(), pack.credits(),
                    pack.stripePriceId(), account.stripeCustomerId(), settings.frontendUrl(), attempt.idempotencyKey()));
        } catch (PaymentGatewayException e) {
            tx.inTransaction(() -> attempts.setAttemptStatus(attempt.id(), CheckoutAttempt.FAILED, now()));
            throw e;
        }
        tx.inTransaction(() -> attempts.attemptOpened(attempt.id(), session.id(), session.url(), session.expiresAt(), now()));
        return session.url();
    }

    /**
     * The user's open Checkout Session for the pack if one stays payable for at least 10 more
     * minutes (read under the user's row lock), else a new one ({@link #startPackCheckout}).
     * Used when a payment link is followed, so following it twice does not create two sessions.
     *
     * @return the hosted Checkout URL
     */
    public String openPackCheckout(UUID userId, String packId) {
        stripe();
        Optional<String> open = tx.inTransaction(() -> {
            accounts.lockAccount(userId).orElseThrow(UserNotFoundException::new);
            return attempts.openPackAttempt(userId, packId, now().plus(Duration.ofMinutes(10)))
                    .map(CheckoutAttempt::checkoutUrl);
        });
        return open.orElseGet(() -> startPackCheckout(userId, packId));
    }

    @Override
    public String startSubscriptionCheckout(UUID userId, String planId) {
        PaymentGateway stripe = stripe();
        String id = planId == null || planId.isBlank() ? "pro" : planId.trim();
        Plan plan = settings.plans().byId(id).filter(Plan::paid)
                .orElseThrow(() -> new UnknownPlanException("Unknown plan: " + id + ". Choose a paid plan."));
        String price = settings.planCheckoutPrices().get(plan.id());
        if (price == null) {
            throw new BillingNotConfiguredException("Stripe not configured: the plan " + plan.id() + " has no Stripe price");
        }
        // 1. Under the user's row lock: refuse a live subscription, reuse the live attempt or create one.
        record Start(CheckoutAttempt attempt, String openUrl, BillingAccount account) {
        }
        Start start = tx.inTransaction(() -> {
            Instant now = now();
            BillingAccount account = accounts.lockAccount(userId).orElseThrow(UserNotFoundException::new);
            if (account.stripeSubscriptionId() != null && Subscriptions.isLive(account.subscriptionStatus())) {
                throw new AlreadySubscribedException("You already have an active subscription. "
                        + "Manage it in the billing portal.");
            }
            Optional<CheckoutAttempt> live = attempts.liveSubscriptionAttempt(userId);
            if (live.isPresent()) {
                CheckoutAttempt a = live.get();
                if (CheckoutAttempt.OPEN.equals(a.status()) && (a.expiresAt() == null || a.expiresAt().isAfter(now))) {
                    return new Start(a, a.checkoutUrl(), account);
                }
                boolean reusable = CheckoutAttempt.CREATING.equals(a.status()) && a.itemId().equals(plan.id())
                        && a.createdAt().isAfter(now.minus(ABANDONED_AFTER));
                if (reusable) {
                    return new Start(a, null, account);
                }
                attempts.setAttemptStatus(a.id(), CheckoutAttempt.OPEN.equals(a.status()) ? CheckoutAttempt.EXPIRED
                        : CheckoutAttempt.FAILED, now);
            }
            CheckoutAttempt created = new CheckoutAttempt(UUID.randomUUID(), userId, CheckoutAttempt.SUBSCRIPTION,
                    plan.id(), CheckoutAttempt.CREATING, null, null, null, now);
            if (!attempts.insertAttempt(created)) {
                throw new IllegalStateException("a live subscription attempt appeared under the user's row lock");
            }
            return new Start(created, null, account);
        });
        if (start.openUrl() != null) {
            return start.openUrl();
        }
        // 2. The Stripe customer, once per user (same key on every retry).
        String customerId = start.account().stripeCustomerId();
        if (customerId == null) {
            String created = stripe.createCustomer(userId, start.account().email(), "customer_" + userId);
            customerId = tx.inTransaction(() -> {
                accounts.setCustomerIfAbsent(userId, created);
                return accounts.findAccount(userId).orElseThrow(UserNotFoundException::new).stripeCustomerId();
            });
            if (customerId == null) {
                throw new IllegalStateException("Stripe customer " + created + " could not be stored");
            }
        }
        // 3. The session; on failure the attempt stays 'creating' so a retry sends the same key.
        CheckoutAttempt attempt = start.attempt();
        CheckoutSession session = stripe.createSubscriptionCheckout(new SubscriptionCheckoutRequest(userId, plan.id(),
                price, customerId, attempt.id(), settings.frontendUrl()));
        tx.inTransaction(() -> attempts.attemptOpened(attempt.id(), session.id(), session.url(), session.expiresAt(), now()));
        return session.url();
    }

    @Override
    public String openPortal(UUID userId) {
        PaymentGateway stripe = stripe();
        BillingAccount account = accounts.findAccount(userId).orElseThrow(UserNotFoundException::new);
        if (account.stripeCustomerId() == null) {
            throw new NoStripeCustomerException("There is no billing account yet: buy credits or subscribe first.");
        }
        return stripe.createPortalSession(account.stripeCustomerId(), settings.frontendUrl() + "/billing");
    }

    /**
     * Each cancel request is a durable intent with its own id, so its Stripe key
     * {@code cancel_at_period_end_<intent id>} is new: cancel, resume in the portal and cancel
     * again schedules the end again instead of replaying the first answer. The intent is
     * written under the user's row lock, performed right after commit (outside any transaction);
     * if Stripe fails the caller gets 502 and the intent is marked failed (a retry is a new request).
     */
    @Override
    public Instant cancelAtPeriodEnd(UUID userId) {
        PaymentGateway stripe = stripe();
        StripeIntent intent = tx.inTransaction(() -> {
            BillingAccount account = accounts.lockAccount(userId).orElseThrow(UserNotFoundException::new);
            String subscriptionId = account.stripeSubscriptionId();
            if (subscriptionId == null || !Subscriptions.isLive(account.subscriptionStatus())) {
                throw new NoActiveSubscriptionException("You have no active subscription to cancel.");
            }
            UUID id = UUID.randomUUID();
            StripeIntent created = new StripeIntent(id, StripeIntent.CANCEL_AT_PERIOD_END, subscriptionId,
                    "cancel_at_period_end_" + id, 0, now());
            // Due only after the lease: this request performs it; the worker only if the request dies.
            intents.insert(created, now().plus(StripeIntentService.LEASE));
            return created;
        });
        Instant effectiveAt;
        try {
            effectiveAt = performer.perform(intent);
        } catch (PaymentGatewayException e) {
            intents.markFailed(intent.id(), e.getMessage(), now());
            throw e;
        }
        intents.markDone(intent.id(), now());
        String subscriptionId = intent.targetId();
        tx.inTransaction(() -> {
            BillingAccount now = accounts.lockAccount(userId).orElseThrow(UserNotFoundException::new);
            if (subscriptionId.equals(now.stripeSubscriptionId())) {
                accounts.scheduleCancel(userId, effectiveAt, now());
            }
        });
        return effectiveAt;
    }

    @Override
    public String checkoutStatus(UUID userId, String sessionId) {
        CheckoutAttempt attempt = attempts.attemptBySession(sessionId)
                .filter(a -> a.userId().equals(userId))
                .orElseThrow(() -> new CheckoutSessionNotFoundException("No checkout session " + sessionId + " of yours."));
        if (CheckoutAttempt.COMPLETE.equals(attempt.status()) || attempts.purchaseExists(sessionId)) {
            return "complete";
        }
        if (CheckoutAttempt.EXPIRED.equals(attempt.status())) {
            return "expired";
        }
        if (gateway.isEmpty()) {
            return "payment_pending";
        }
        CheckoutSessionStatus remote = gateway.get().retrieveCheckoutSession(sessionId);
        if (remote.isExpired()) {
            tx.inTransaction(() -> attempts.setAttemptStatus(attempt.id(), CheckoutAttempt.EXPIRED, now()));
            return "expired";
        }
        return remote.isComplete() ? "processing" : "payment_pending";
    }

    private PaymentGateway stripe() {
        return gateway.orElseThrow(() -> new BillingNotConfiguredException("Stripe not configured"));
    }

    private Instant now() {
        return clock.instant();
    }
}
