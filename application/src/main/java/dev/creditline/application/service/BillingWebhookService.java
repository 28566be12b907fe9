package dev.creditline.application.service;

import dev.creditline.application.port.in.HandleBillingWebhookUseCase;
import dev.creditline.application.port.in.ListBillingEventsUseCase;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotRepository;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEventInbox;
import dev.creditline.application.port.out.billing.BillingEventVerifier;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.application.port.out.billing.CheckoutMode;
import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.MalformedEventException;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.application.port.out.billing.StripeIntentRepository;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.application.service.billing.Clawbacks;
import dev.creditline.application.service.billing.DisputeHandler;
import dev.creditline.application.service.billing.EarlyAdjustments;
import dev.creditline.application.service.billing.EventUsers;
import dev.creditline.application.service.billing.InvoiceAllowanceHandler;
import dev.creditline.application.service.billing.PackPurchaseHandler;
import dev.creditline.application.service.billing.RefundHandler;
import dev.creditline.application.service.billing.SubscriptionHandler;
import dev.creditline.application.service.billing.WebhookProblem;
import dev.creditline.application.service.billing.WebhookResult;
import dev.creditline.domain.billing.BillingNotConfiguredException;
import dev.creditline.domain.lot.AllowanceExpiry;
import dev.creditline.domain.plan.PlanCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Stripe webhook (billing.md "Webhook"): verify, then in one transaction store the event in
 * the inbox {@code stripe_events} ({@code ON CONFLICT DO NOTHING}: a duplicate changes nothing)
 * and hand it to the handler of its kind, which applies its effect. This class only dispatches;
 * each rule lives in one handler of {@code application.service.billing}:
 *
 * <ul>
 *   <li>{@link PackPurchaseHandler}: payment-mode checkouts grant a pack once the money cleared;</li>
 *   <li>{@link SubscriptionHandler}: subscription checkouts, changes, deletions and failed invoice
 *       payments set the plan state by watermark, never credits;</li>
 *   <li>{@link InvoiceAllowanceHandler}: a paid create/cycle invoice grants the plan's allowance;</li>
 *   <li>{@link RefundHandler}, {@link DisputeHandler} (with {@link Clawbacks} and
 *       {@link EarlyAdjustments}): refunds and disputes claw back their share, once, in any order;</li>
 *   <li>payment intents and saved cards: auto top-up ({@link #withTopUps}).</li>
 * </ul>
 *
 * <p>Order independence (billing.md: any order, duplicated, concurrent → the in-order end
 * state): every handler locks the user's row first, so events of one user apply one at a time.
 * Permanent problems (unknown user or customer, unknown price or plan, unreadable metadata, a
 * malformed object) are decided before any effect, recorded on the event row with a code and
 * answered 200; they are listed for admins.
 */
public final class BillingWebhookService implements HandleBillingWebhookUseCase, ListBillingEventsUseCase {

    private final TransactionPort tx;
    private final BillingAccountRepository accounts;
    private final CheckoutAttemptRepository attempts;
    private final PaidGrantRepository grants;
    private final DisputeRepository disputes;
    private final SubscriptionMarkRepository subscriptions;
    private final BillingEventInbox inbox;
    private final LedgerRepository ledger;
    private final PlanCatalog plans;
    private final Optional<BillingEventVerifier> verifier;
    private final Optional<PaymentGateway> gateway;
    private final Clock clock;
    private final StripeIntentRepository intents;
    private final Runnable intentsRecorded;

    private LotRepository debts;
    private Map<String, Long> packExpiryDays = Map.of();
    private Map<String, AllowanceExpiry> allowanceExpiry = Map.of();
    private EventOutbox events = (userId, type, data) -> { };
    private Predicate<BillingEvent> topUps = e -> false;

    private PackPurchaseHandler packs;
    private SubscriptionHandler subscriptionHandler;
    private InvoiceAllowanceHandler invoices;
    private RefundHandler refunds;
    private DisputeHandler disputeHandler;

    /**
     * @param verifier empty when {@code STRIPE_WEBHOOK_SECRET} is unset (the webhook answers 503)
     * @param gateway  empty when {@code STRIPE_SECRET_KEY} is unset (a duplicate subscription
     *                 cannot be cancelled; recorded as a problem)
     * @param intents  the Stripe outbox: cancels decided by an event are recorded there, in the
     *                 event's transaction, and performed after commit
     * @param intentsRecorded called after a commit that may have recorded intents (wakes the worker)
     */
    public BillingWebhookService(TransactionPort tx, BillingAccountRepository accounts,
                                 CheckoutAttemptRepository attempts, PaidGrantRepository grants,
                                 DisputeRepository disputes, SubscriptionMarkRepository subscriptions,
                                 BillingEventInbox inbox, LedgerRepository ledger,
                                 PlanCatalog plans, Optional<BillingEventVerifier> verifier,
                                 Optional<PaymentGateway> gateway, Clock clock, StripeIntentRepository intents,
                                 Runnable intentsRecorded) {
        this.tx = tx;
        this.accounts = accounts;
        this.attempts = attempts;
        this.grants = grants;
        this.disputes = disputes;
        this.subscriptions = subscriptions;
        this.inbox = inbox;
        this.ledger = ledger;
        this.plans = plans;
        this.verifier = verifier;
        this.gateway = gateway;
        this.clock = clock;
        this.intents = intents;
        this.intentsRecorded = intentsRecorded;
        build();
    }

    /**
     * Makes what a refund clawback cannot take from the balance a debt of the user, repaid from
     * the next lots (docs/lots.md, {@code REFUND_SHORTFALL=debt}); without it the shortfall is
     * forgiven.
     */
    public BillingWebhookService withRefundDebt(LotRepository lots) {
        this.debts = lots;
        return build();
    }

    /** Applies {@code payment_intent.*} and {@code setup_intent.succeeded} (auto top-up) in the webhook's transaction. */
    public BillingWebhookService withTopUps(Predicate<BillingEvent> applyTopUpEvent) {
        this.topUps = applyTopUpEvent;
        return this;
    }

    /**
     * Emits {@code purchase.completed} and {@code refund.clawed_back} (events.md) through
     * {@code outbox}, in the transaction of the grant or clawback; without it none are emitted.
     */
    public BillingWebhookService withEvents(EventOutbox outbox) {
        this.events = outbox;
        return build();
    }

    /**
     * Makes the lots of purchased packs expire that many days after the purchase
     * ({@code PACK_<ID>_EXPIRES_DAYS}; docs/lots.md); packs not in the map never expire.
     */
    public BillingWebhookService withPackExpiry(Map<String, Long> daysByPack) {
        this.packExpiryDays = Map.copyOf(daysByPack);
        return build();
    }

    /**
     * How each paid plan's allowance lots expire ({@code PLAN_<ID>_ALLOWANCE_EXPIRY},
     * {@code PLAN_<ID>_ROLLOVER_MAX}; docs/lots.md): with {@code period_end} an invoice's
     * allowance lot expires at the {@code period.end} of its subscription line. Plans not in the
     * map never expire.
     */
    public BillingWebhookService withAllowanceExpiry(Map<String, AllowanceExpiry> byPlan) {
        this.allowanceExpiry = Map.copyOf(byPlan);
        return build();
    }

    /** (Re)builds the handlers from the ports and the options set so far (wiring time only). */
    private BillingWebhookService build() {
        EventUsers users = new EventUsers(accounts);
        Clawbacks clawbacks = new Clawbacks(ledger, grants, users, events, debts, clock);
        refunds = new RefundHandler(grants, users, clawbacks);
        disputeHandler = new DisputeHandler(grants, disputes, accounts, ledger, clawbacks, clock);
        EarlyAdjustments early = new EarlyAdjustments(grants, disputes, verifier, refunds, disputeHandler);
        packs = new PackPurchaseHandler(ledger, grants, attempts, users, early, events, packExpiryDays, clock);
        invoices = new InvoiceAllowanceHandler(ledger, grants, users, early, plans, allowanceExpiry, clock);
        subscriptionHandler = new SubscriptionHandler(accounts, attempts, subscriptions, intents, users, plans,
                gateway.isPresent(), clock);
        return this;
    }

    @Override
    public WebhookOutcome handle(byte[] rawBody, String signatureHeader) {
        BillingEventVerifier v = verifier.orElseThrow(() ->
                new BillingNotConfiguredException("Stripe not configured: STRIPE_WEBHOOK_SECRET is not set"));
        BillingEvent event;
        try {
            event = v.verify(rawBody, signatureHeader);
        } catch (MalformedEventException m) {
            return tx.inTransaction(() -> {
                Instant receivedAt = clock.instant();
                Instant created = m.created() != null ? m.created() : receivedAt;
                if (!inbox.insertEvent(m.eventId(), m.type(), created, m.payload(), receivedAt)) {
                    return new WebhookOutcome(m.eventId(), m.type(), true, null, null);
                }
                inbox.setEventOutcome(m.eventId(), WebhookResult.PROBLEM, MalformedEventException.CODE,
                        m.getMessage());
                return new WebhookOutcome(m.eventId(), m.type(), false, WebhookResult.PROBLEM,
                        MalformedEventException.CODE);
            });
        }
        return process(event);
    }

    /** Stores and applies a verified event in one transaction; Stripe calls it decided run after commit. */
    WebhookOutcome process(BillingEvent event) {
        WebhookOutcome outcome = store(event);
        if (!outcome.duplicate() && event instanceof BillingEvent.CheckoutSessionCompleted) {
            intentsRecorded.run();
        }
        return outcome;
    }

    private WebhookOutcome store(BillingEvent event) {
        return tx.inTransaction(() -> {
            if (!inbox.insertEvent(event.eventId(), event.type(), event.created(), event.payload(), clock.instant())) {
                return new WebhookOutcome(event.eventId(), event.type(), true, null, null);
            }
            WebhookResult result;
            try {
                result = apply(event);
            } catch (WebhookProblem p) {
                result = p.result(); // recorded; what the handler wrote before it stays
            }
            if (!WebhookResult.APPLIED.equals(result.outcome())) {
                inbox.setEventOutcome(event.eventId(), result.outcome(), result.problemCode(), result.problem());
            }
            return new WebhookOutcome(event.eventId(), event.type(), false, result.outcome(), result.problemCode());
        });
    }

    /** The event table: each kind of event to the handler of its rule; any other kind is ignored. */
    private WebhookResult apply(BillingEvent event) {
        if (event instanceof BillingEvent.PaymentIntentEvent || event instanceof BillingEvent.SetupIntentSucceeded) {
            return WebhookResult.appliedIf(topUps.test(event));
        }
        if (event instanceof BillingEvent.CheckoutSessionCompleted c) {
            return c.mode() == CheckoutMode.SUBSCRIPTION ? subscriptionHandler.checkoutCompleted(c) : packs.completed(c);
        }
        if (event instanceof BillingEvent.CheckoutSessionAsyncPaymentSucceeded a) {
            return packs.asyncPaymentSucceeded(a);
        }
        if (event instanceof BillingEvent.CheckoutSessionExpired x) {
            return packs.expired(x);
        }
        if (event instanceof BillingEvent.InvoicePaid i) {
            return invoices.invoicePaid(i);
        }
        if (event instanceof BillingEvent.InvoicePaymentFailed f) {
            return subscriptionHandler.invoicePaymentFailed(f);
        }
        if (event instanceof BillingEvent.SubscriptionChanged s) {
            return subscriptionHandler.changed(s);
        }
        if (event instanceof BillingEvent.SubscriptionDeleted d) {
            return subscriptionHandler.deleted(d);
        }
        if (event instanceof BillingEvent.ChargeRefunded r) {
            return refunds.chargeRefunded(r);
        }
        if (event instanceof BillingEvent.ChargeDispute d) {
            return disputeHandler.chargeDispute(d);
        }
        return WebhookResult.ignored();
    }

    @Override
    public EventPage billingEvents(boolean problemsOnly, int limit, int offset) {
        int size = limit <= 0 ? 20 : Math.min(limit, 100);
        int from = Math.max(0, offset);
        return tx.inTransaction(() -> new EventPage(inbox.events(problemsOnly, size, from),
                inbox.countEvents(problemsOnly)));
    }
}
