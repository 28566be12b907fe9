package dev.creditline.application.service;

import dev.creditline.domain.billing.PaymentIntentStatus;
import dev.creditline.application.port.in.AutoTopUpUseCase;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEventKind;
import dev.creditline.domain.billing.CheckoutSession;
import dev.creditline.application.port.out.billing.PaymentGatewayException;
import dev.creditline.application.port.out.billing.StripeIntent;
import dev.creditline.application.port.out.billing.StripeIntentRepository;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.application.port.out.topup.AutoTopUpSettings;
import dev.creditline.application.port.out.topup.OffSessionCharge;
import dev.creditline.application.port.out.topup.PaymentSource;
import dev.creditline.application.port.out.topup.TopUpAttempt;
import dev.creditline.application.port.out.topup.TopUpGateway;
import dev.creditline.application.port.out.topup.TopUpRepository;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.billing.BillingNotConfiguredException;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.plan.CreditPack;
import dev.creditline.domain.plan.CreditPackCatalog;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Auto top-up (events.md "Auto top-up"; docs/billing.md "Auto top-up").
 *
 * <ol>
 *   <li>A balance change that crosses the user's threshold calls {@link #balanceCrossed} in its own
 *       transaction, under the user's row lock: it records an attempt (at most one open per user,
 *       partial unique index; over the month's limit a {@code failed} one and {@code topup.failed})
 *       and a {@code stripe_intents} job of kind {@code topup_payment_intent}.</li>
 *   <li>After commit the Stripe intent worker calls {@link #charge}: an off-session PaymentIntent,
 *       idempotency key {@code topup_<attempt id>}, never inside a transaction.</li>
 *   <li>Credits come only from the signed {@code payment_intent.succeeded} webhook
 *       ({@link #applyWebhook}): one {@code purchase} lot per PaymentIntent, ref
 *       {@code stripe_payment_intent/<id>}.</li>
 * </ol>
 * Failures emit {@code topup.failed}; {@value #MAX_FAILURES_IN_A_ROW} in a row switch auto top-up off.
 */
public final class AutoTopUpService implements AutoTopUpUseCase, TopUpTrigger {

    private static final System.Logger LOG = System.getLogger(AutoTopUpService.class.getName());

    /** Payment failures in a row that switch auto top-up off. */
    public static final int MAX_FAILURES_IN_A_ROW = 3;
    /** The highest monthly limit accepted. */
    public static final int MAX_MONTHLY_LIMIT = 1000;
    /** Packs are priced in US cents ({@code PACK_<ID>_PRICE_CENTS}). */
    static final String CURRENCY = "usd";

    /** The {@code topup.*} data: the attempt. */
    public record AttemptEvent(UUID attemptId, String packId, long credits, long amount, String currency,
                               String status, String reason, String paymentIntentId, String actionUrl,
                               Instant createdAt) {
        static AttemptEvent of(TopUpAttempt a) {
            return new AttemptEvent(a.id(), a.packId(), a.credits(), a.amountCents(), a.currency(), a.status(),
                    a.failureReason(), a.paymentIntentId(), a.actionUrl(), a.createdAt());
        }
    }

    private final TransactionPort tx;
    private final TopUpRepository repository;
    private final Optional<TopUpGateway> gateway;
    private final CreditPackCatalog packs;
    private final LedgerRepository ledger;
    private final EventOutbox events;
    private final StripeIntentRepository intents;
    private final Clock clock;
    private final String frontendUrl;
    private Map<String, Long> packExpiryDays = Map.of();

    /**
     * @param gateway     empty when {@code STRIPE_SECRET_KEY} is unset (the endpoints answer 503)
     * @param frontendUrl {@code FRONTEND_URL} without trailing slash: checkout return and action links
     */
    public AutoTopUpService(TransactionPort tx, TopUpRepository repository, Optional<TopUpGateway> gateway,
                            CreditPackCatalog packs, LedgerRepository ledger, EventOutbox events,
                            StripeIntentRepository intents, Clock clock, String frontendUrl) {
        this.tx = tx;
        this.repository = repository;
        this.gateway = gateway;
        this.packs = packs;
        this.ledger = ledger;
        this.events = events;
        this.intents = intents;
        this.clock = clock;
        this.frontendUrl = frontendUrl.endsWith("/") ? frontendUrl.substring(0, frontendUrl.length() - 1) : frontendUrl;
    }

    /** {@code PACK_<ID>_EXPIRES_DAYS}: a top-up's lot expires like the pack's purchases. */
    public AutoTopUpService withPackExpiry(Map<String, Long> daysByPack) {
        this.packExpiryDays = Map.copyOf(daysByPack);
        return this;
    }

    // --- settings -------------------------------------------------------------------------

    @Override
    public AutoTopUpView autoTopUp(UUID userId) {
        configured();
        PaymentSource source = repository.paymentSource(userId).orElseThrow(UserNotFoundException::new);
        return view(repository.settings(userId), source);
    }

    @Override
    public AutoTopUpView updateAutoTopUp(UUID userId, UpdateAutoTopUp u) {
        configured();
        if (u.threshold() < 0 || u.threshold() > dev.creditline.domain.alert.BalanceAlerts.MAX_THRESHOLD) {
            throw new ValidationException("threshold", "must be a whole number of credits from 0 to "
                    + dev.creditline.domain.alert.BalanceAlerts.MAX_THRESHOLD);
        }
        if (u.packId() == null || packs.byId(u.packId()).filter(CreditPack::purchasable).isEmpty()) {
            throw new ValidationException("packId", "must be a purchasable credit pack (see GET /api/billing/packs)");
        }
        if (u.monthlyLimit() < 0 || u.monthlyLimit() > MAX_MONTHLY_LIMIT) {
            throw new ValidationException("monthlyLimit", "must be a whole number from 0 to " + MAX_MONTHLY_LIMIT);
        }
        return tx.inTransaction(() -> {
            int failures = repository.settings(userId).map(AutoTopUpSettings::consecutiveFailures).orElse(0);
            AutoTopUpSettings s = new AutoTopUpSettings(u.enabled(), u.threshold(), u.packId(), u.monthlyLimit(),
                    u.enabled() ? 0 : failures);
            if (!repository.saveSettings(userId, s, now())) {
                throw new UserNotFoundException();
            }
            return view(Optional.of(s), repository.paymentSource(userId).orElseThrow(UserNotFoundException::new));
        });
    }

    @Override
    public CheckoutSession openPaymentMethodSetup(UUID userId) {
        TopUpGateway stripe = configured();
        PaymentSource source = repository.paymentSource(userId).orElseThrow(UserNotFoundException::new);
        String customer = source.customerId();
        if (customer == null) {
            // Same key as billing's subscribe (customer_<user id>): both converge on one customer.
            String created = stripe.createCustomer(userId, source.email(), "customer_" + userId);
            tx.inTransaction(() -> repository.setCustomerIfAbsent(userId, created));
            customer = repository.paymentSource(userId).map(PaymentSource::customerId).orElse(created);
        }
        return stripe.createSetupCheckout(userId, customer, frontendUrl, "setup_" + userId + "_"
                + now().getEpochSecond() / 60);
    }

    private AutoTopUpView view(Optional<AutoTopUpSettings> s, PaymentSource source) {
        boolean saved = source.paymentMethodId() != null;
        return s.map(v -> new AutoTopUpView(v.enabled(), v.threshold(), v.packId(), v.monthlyLimit(),
                        v.consecutiveFailures(), saved))
                .orElse(new AutoTopUpView(false, null, null, null, 0, saved));
    }

    private TopUpGateway configured() {
        return gateway.orElseThrow(() -> new BillingNotConfiguredException(
                "Stripe not configured: STRIPE_SECRET_KEY is not set"));
    }

    // --- the trigger (inside the balance change's transaction) -----------------------------

    @Override
    public void balanceCrossed(UUID userId, long balance, Instant at) {
        Optional<AutoTopUpSettings> settings = repository.settings(userId);
        if (settings.isEmpty() || !settings.get().enabled()) {
            return;
        }
        AutoTopUpSettings s = settings.get();
        Optional<CreditPack> pack = packs.byId(s.packId()).filter(CreditPack::purchasable);
        if (pack.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "auto top-up of user {0}: pack {1} is not purchasable", userId,
                    s.packId());
            return;
        }
        Instant monthStart = YearMonth.from(at.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        TopUpAttempt attempt = new TopUpAttempt(UUID.randomUUID(), userId, pack.get().id(), pack.get().credits(),
                pack.get().priceUsdCents(), CURRENCY, TopUpAttempt.PENDING, null, null, null, at, at);
        Optional<TopUpAttempt> recorded = repository.openAttempt(attempt, s.monthlyLimit(), monthStart);
        if (recorded.isEmpty()) {
            return; // one is open already
        }
        TopUpAttempt a = recorded.get();
        if (TopUpAttempt.FAILED.equals(a.status())) {
            events.emit(userId, EventType.TOPUP_FAILED, AttemptEvent.of(a));
            return;
        }
        intents.insert(new StripeIntent(UUID.randomUUID(), StripeIntent.TOPUP_PAYMENT_INTENT,
                userId + ":" + a.id(), "topup_" + a.id(), 0, at), at);
    }

    // --- the worker (after commit, outside any transaction) --------------------------------

    /**
     * Performs a {@code topup_payment_intent} intent: creates the off-session PaymentIntent of its
     * attempt. A declined card settles the attempt as failed (or action required for
     * {@code authentication_required}); other Stripe failures propagate so the worker retries with
     * the same idempotency key.
     *
     * @throws PaymentGatewayException when Stripe could not be reached or failed (retry)
     */
    public void charge(StripeIntent intent) {
        TopUpGateway stripe = configured();
        String[] target = intent.targetId().split(":", 2);
        UUID userId = UUID.fromString(target[0]);
        UUID attemptId = UUID.fromString(target[1]);
        Optional<TopUpAttempt> found = repository.attempt(userId, attemptId);
        if (found.isEmpty() || !TopUpAttempt.PENDING.equals(found.get().status())) {
            return; // user deleted, or settled already (e.g. the webhook came first)
        }
        TopUpAttempt a = found.get();
        PaymentSource source = repository.paymentSource(userId).orElse(new PaymentSource(null, null, null));
        if (source.customerId() == null || source.paymentMethodId() == null) {
            fail(userId, attemptId, null, TopUpAttempt.NO_PAYMENT_METHOD);
            return;
        }
        OffSessionCharge charge = new OffSessionCharge(userId, attemptId, a.packId(), a.credits(), a.amountCents(),
                a.currency(), source.customerId(), source.paymentMethodId(),
                frontendUrl + "/billing?topup=" + attemptId);
        TopUpGateway.ChargeResult result;
        try {
            result = stripe.chargeOffSession(charge);
        } catch (PaymentGatewayException e) {
            Integer status = e.providerStatus();
            if (status == null || status == 429 || status >= 500) {
                throw e; // not answered, or answered "try again": the worker retries with the same key
            }
            // Refused (a card error, a detached payment method): retrying the same request cannot help.
            String code = e.providerErrorCode() != null ? e.providerErrorCode()
                    : status == 402 ? "card_error" : "stripe_" + status;
            if ("authentication_required".equals(code)) {
                actionRequired(userId, attemptId, null, null);
            } else {
                fail(userId, attemptId, null, code);
            }
            return;
        }
        PaymentIntentStatus status = result.status() == null ? PaymentIntentStatus.UNKNOWN : result.status();
        switch (status) {
            case REQUIRES_ACTION, REQUIRES_CONFIRMATION ->
                    actionRequired(userId, attemptId, result.paymentIntentId(), result.actionUrl());
            case REQUIRES_PAYMENT_METHOD, CANCELED ->
                    fail(userId, attemptId, result.paymentIntentId(), "payment_" + status.storageName());
            // succeeded, processing (or a status Stripe adds later): the credits come with the webhook.
            default -> tx.inTransaction(() ->
                    repository.markProcessing(userId, attemptId, result.paymentIntentId(), now()));
        }
    }

    private void actionRequired(UUID userId, UUID attemptId, String paymentIntentId, String stripeUrl) {
        String url = stripeUrl != null ? stripeUrl : frontendUrl + "/billing?topup=" + attemptId
                + (paymentIntentId == null ? "" : "&payment_intent=" + paymentIntentId);
        tx.inTransaction(() -> repository.markRequiresAction(userId, attemptId, paymentIntentId, url, now())
                .ifPresent(a -> events.emit(userId, EventType.TOPUP_ACTION_REQUIRED, AttemptEvent.of(a))));
    }

    private void fail(UUID userId, UUID attemptId, String paymentIntentId, String reason) {
        tx.inTransaction(() -> failInTransaction(userId, attemptId, paymentIntentId, reason));
    }

    private void failInTransaction(UUID userId, UUID attemptId, String paymentIntentId, String reason) {
        repository.markFailed(userId, attemptId, paymentIntentId, reason, now()).ifPresent(a -> {
            events.emit(userId, EventType.TOPUP_FAILED, AttemptEvent.of(a));
            if (repository.countFailure(userId, MAX_FAILURES_IN_A_ROW, now())) {
                LOG.log(System.Logger.Level.INFO, "auto top-up of user {0} switched off after {1} failures in a row",
                        userId, MAX_FAILURES_IN_A_ROW);
            }
        });
    }

    // --- webhooks (inside the webhook's transaction) ---------------------------------------

    /**
     * Applies a {@code payment_intent.*} or {@code setup_intent.succeeded} event in the webhook's
     * transaction.
     *
     * @return true when it changed something, false when there was nothing to do (not ours, or done already)
     */
    public boolean applyWebhook(BillingEvent event) {
        if (event instanceof BillingEvent.SetupIntentSucceeded s) {
            UUID userId = userOf(s.metadata(), s.customerId());
            return userId != null && s.paymentMethodId() != null
                    && repository.savePaymentMethod(userId, s.customerId(), s.paymentMethodId());
        }
        if (!(event instanceof BillingEvent.PaymentIntentEvent p) || p.paymentIntentId() == null) {
            return false;
        }
        UUID userId = userOf(p.metadata(), p.customerId());
        if (userId == null) {
            return false;
        }
        UUID attemptId = uuidOrNull(p.metadata().get("topup_attempt_id"));
        if (attemptId == null) {
            // A pack payment that saves its card for later (off-session) charges.
            boolean saves = p.kind() == BillingEventKind.PAYMENT_INTENT_SUCCEEDED
                    && p.savesForLater() && p.paymentMethodId() != null;
            return saves && repository.savePaymentMethod(userId, p.customerId(), p.paymentMethodId());
        }
        return switch (p.kind()) {
            case PAYMENT_INTENT_SUCCEEDED -> succeeded(userId, attemptId, p);
            case PAYMENT_INTENT_REQUIRES_ACTION -> {
                String url = p.actionUrl() != null ? p.actionUrl()
                        : frontendUrl + "/billing?topup=" + attemptId + "&payment_intent=" + p.paymentIntentId();
                Optional<TopUpAttempt> a = repository.markRequiresAction(userId, attemptId, p.paymentIntentId(), url,
                        now());
                a.ifPresent(x -> events.emit(userId, EventType.TOPUP_ACTION_REQUIRED, AttemptEvent.of(x)));
                yield a.isPresent();
            }
            default -> {
                Optional<TopUpAttempt> before = repository.attempt(userId, attemptId);
                failInTransaction(userId, attemptId, p.paymentIntentId(),
                        p.failureCode() == null ? "payment_failed" : p.failureCode());
                yield before.isPresent();
            }
        };
    }

    /** One purchase lot per PaymentIntent, whatever the order or duplication of the webhooks. */
    private boolean succeeded(UUID userId, UUID attemptId, BillingEvent.PaymentIntentEvent p) {
        Optional<TopUpAttempt> attempt = repository.attempt(userId, attemptId);
        long credits = attempt.map(TopUpAttempt::credits).orElseGet(() -> parseCredits(p.metadata().get("credits")));
        String packId = attempt.map(TopUpAttempt::packId).orElse(p.metadata().getOrDefault("pack_id", "?"));
        if (credits <= 0) {
            return false;
        }
        Long days = packExpiryDays.get(packId);
        Instant now = now();
        AppendResult result = ledger.append(new LedgerAppend(userId, credits, LedgerReason.PURCHASE,
                LedgerRef.stripePaymentIntent(p.paymentIntentId()), "auto top-up " + packId, null, now,
                new LotTerms.Grant(LotCategory.PURCHASE, null, days == null ? null : now.plus(Duration.ofDays(days)))));
        if (!(result instanceof AppendResult.Appended)) {
            return false;
        }
        // A pack grant like a checkout's (events.md "Event types"), with the PaymentIntent instead of a session.
        events.emit(userId, EventType.PURCHASE_COMPLETED, new dev.creditline.application.port.out.events.EventData
                .PurchaseCompleted(packId, credits, null, p.paymentIntentId()));
        repository.resetFailures(userId);
        repository.markSucceeded(userId, attemptId, p.paymentIntentId(), now)
                .ifPresent(a -> events.emit(userId, EventType.TOPUP_SUCCEEDED, AttemptEvent.of(a)));
        return true;
    }

    private UUID userOf(Map<String, String> metadata, String customerId) {
        UUID fromMetadata = uuidOrNull(metadata.get("user_id"));
        if (fromMetadata != null) {
            return fromMetadata;
        }
        return customerId == null ? null : repository.userByCustomer(customerId).orElse(null);
    }

    private static UUID uuidOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long parseCredits(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
