package dev.creditline.application.service;

import dev.creditline.application.port.in.HandleBillingWebhookUseCase;
import dev.creditline.application.port.in.ListBillingEventsUseCase;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotRepository;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.events.EventData;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEventVerifier;
import dev.creditline.application.port.out.billing.CheckoutMode;
import dev.creditline.application.port.out.billing.MalformedEventException;
import dev.creditline.application.port.out.billing.PackPurchase;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.StoredDispute;
import dev.creditline.application.port.out.billing.StripeIntent;
import dev.creditline.application.port.out.billing.StripeIntentRepository;
import dev.creditline.application.port.out.billing.SubscriptionMark;
import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import dev.creditline.application.port.out.billing.BillingEventInbox;
import dev.creditline.domain.allowance.PaidAllowance;
import dev.creditline.domain.billing.BillingNotConfiguredException;
import dev.creditline.domain.billing.Clawback;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.billing.Disputes;
import dev.creditline.domain.billing.Subscriptions;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.AllowanceExpiry;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Stripe webhook (billing.md "Webhook"): verify, then in one transaction store the event in
 * the inbox {@code stripe_events} ({@code ON CONFLICT DO NOTHING}: a duplicate changes nothing)
 * and apply its effect, guarded as the event table says.
 *
 * <p>Order independence (billing.md: any order, duplicated, concurrent → the in-order end
 * state): every handler locks the user's row first, so events of one user apply one at a time.
 * Ledger effects are idempotent by ref ({@code stripe_checkout_session/<cs>},
 * {@code stripe_invoice/<in>}, {@code stripe_refund/<re>}) and independent of the plan state.
 * Subscription state (plan, subscription id, status, cancel-at-period-end) is set only by an
 * event newer than the subscription's watermark ({@code event.created}), and a deleted
 * subscription is a tombstone: nothing after it revives it (lessons 14, 15).
 *
 * <p>Permanent problems (unknown user or customer, unknown price or plan, unreadable metadata,
 * a malformed object) are decided before any effect, recorded on the event row with a code and
 * answered 200; they are listed for admins.
 */
public final class BillingWebhookService implements HandleBillingWebhookUseCase, ListBillingEventsUseCase {

    static final String APPLIED = "applied";
    static final String IGNORED = "ignored";
    static final String PROBLEM = "problem";

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
    }

    /**
     * Makes what a refund clawback cannot take from the balance a debt of the user, repaid from
     * the next lots (docs/lots.md, {@code REFUND_SHORTFALL=debt}); without it the shortfall is
     * forgiven.
     */
    public BillingWebhookService withRefundDebt(LotRepository lots) {
        this.debts = lots;
        return this;
    }

    private LotRepository debts;
    private Map<String, Long> packExpiryDays = Map.of();
    private java.util.function.Predicate<BillingEvent> topUps = e -> false;

    /** Applies {@code payment_intent.*} and {@code setup_intent.succeeded} (auto top-up) in the webhook's transaction. */
    public BillingWebhookService withTopUps(java.util.function.Predicate<BillingEvent> applyTopUpEvent) {
        this.topUps = applyTopUpEvent;
        return this;
    }

    private EventOutbox events = (userId, type, data) -> { };

    /**
     * Emits {@code purchase.completed} and {@code refund.clawed_back} (events.md) through
     * {@code outbox}, in the transaction of the grant or clawback; without it none are emitted.
     */
    public BillingWebhookService withEvents(EventOutbox outbox) {
        this.events = outbox;
        return this;
    }

    /**
     * Makes the lots of purchased packs expire that many days after the purchase
     * ({@code PACK_<ID>_EXPIRES_DAYS}; docs/lots.md); packs not in the map
     * never expire.
     */
    public BillingWebhookService withPackExpiry(Map<String, Long> daysByPack) {
        this.packExpiryDays = Map.copyOf(daysByPack);
        return this;
    }

    private Map<String, AllowanceExpiry> allowanceExpiry = Map.of();

    /**
     * How each paid plan's allowance lots expire ({@code PLAN_<ID>_ALLOWANCE_EXPIRY},
     * {@code PLAN_<ID>_ROLLOVER_MAX}; docs/lots.md): with
     * {@code period_end} an invoice's allowance lot expires at the {@code period.end} of its
     * subscription line. Plans not in the map never expire.
     */
    public BillingWebhookService withAllowanceExpiry(Map<String, AllowanceExpiry> byPlan) {
        this.allowanceExpiry = Map.copyOf(byPlan);
        return this;
    }

    /** A permanent problem with an event: recorded, answered 200. */
    private static final class Problem extends RuntimeException {
        final String code;

        Problem(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private record Result(String outcome, String problemCode, String problem) {
        static Result applied() {
            return new Result(APPLIED, null, null);
        }

        static Result ignored() {
            return new Result(IGNORED, null, null);
        }
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
                Instant receivedAt = now();
                Instant created = m.created() != null ? m.created() : receivedAt;
                if (!inbox.insertEvent(m.eventId(), m.type(), created, m.payload(), receivedAt)) {
                    return new WebhookOutcome(m.eventId(), m.type(), true, null, null);
                }
                inbox.setEventOutcome(m.eventId(), PROBLEM, MalformedEventException.CODE, m.getMessage());
                return new WebhookOutcome(m.eventId(), m.type(), false, PROBLEM, MalformedEventException.CODE);
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
            if (!inbox.insertEvent(event.eventId(), event.type(), event.created(), event.payload(), now())) {
                return new WebhookOutcome(event.eventId(), event.type(), true, null, null);
            }
            Result result;
            try {
                result = apply(event);
            } catch (Problem p) {
                result = new Result(PROBLEM, p.code, p.getMessage());
            }
            if (!APPLIED.equals(result.outcome())) {
                inbox.setEventOutcome(event.eventId(), result.outcome(), result.problemCode(), result.problem());
            }
            return new WebhookOutcome(event.eventId(), event.type(), false, result.outcome(), result.problemCode());
        });
    }

    private Result apply(BillingEvent event) {
        if (event instanceof BillingEvent.PaymentIntentEvent || event instanceof BillingEvent.SetupIntentSucceeded) {
            return topUps.test(event) ? Result.applied() : Result.ignored();
        }
        if (event instanceof BillingEvent.CheckoutSessionCompleted c) {
            if (c.mode() == CheckoutMode.PAYMENT) {
                boolean paid = c.paymentStatus() != null && c.paymentStatus().settled();
                return paid ? packPaid(c) : Result.ignored(); // async payment: wait (lesson 13)
            }
            if (c.mode() == CheckoutMode.SUBSCRIPTION) {
                return subscriptionCheckoutCompleted(c);
            }
            return Result.ignored();
        }
        if (event instanceof BillingEvent.CheckoutSessionAsyncPaymentSucceeded a) {
            return a.mode() == CheckoutMode.PAYMENT ? packPaid(a) : Result.ignored();
        }
        if (event instanceof BillingEvent.CheckoutSessionExpired x) {
            if (x.sessionId() != null) {
                attempts.setAttemptStatusBySession(x.sessionId(), "expired", now());
            }
            return Result.applied();
        }
        if (event instanceof BillingEvent.InvoicePaid i) {
            return invoicePaid(i);
        }
        if (event instanceof BillingEvent.InvoicePaymentFailed f) {
            return invoicePaymentFailed(f);
        }
        if (event instanceof BillingEvent.SubscriptionChanged s) {
            return subscriptionChanged(s);
        }
        if (event instanceof BillingEvent.SubscriptionDeleted d) {
            return subscriptionDeleted(d);
        }
        if (event instanceof BillingEvent.ChargeRefunded r) {
            return chargeRefunded(r);
        }
        if (event instanceof BillingEvent.ChargeDispute d) {
            return chargeDispute(d);
        }
        return Result.ignored();
    }

    // --- credit packs -------------------------------------------------------------------

    /**
     * Grant {@code metadata.credits}, ref {@code stripe_checkout_session/<id>}, once per session;
     * then apply the refunds and disputes of its payment that arrived before it.
     */
    private Result packPaid(BillingEvent.CheckoutSessionEvent c) {
        if (c.sessionId() == null) {
            throw new Problem("MISSING_FIELD", "checkout session has no id");
        }
        UUID userId = userOf(c.clientReferenceId(), c.metadata());
        long credits = positiveLong(c.metadata().get("credits"), "metadata.credits");
        grants.lockPayment(paymentKeys(c.paymentIntentId(), null, null));
        BillingAccount account = accounts.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        Long days = packExpiryDays.get(c.metadata().getOrDefault("pack_id", ""));
        AppendResult result = ledger.append(new LedgerAppend(account.userId(), credits, LedgerReason.PURCHASE,
                LedgerRef.stripeCheckoutSession(c.sessionId()),
                "credit pack " + c.metadata().getOrDefault("pack_id", "?"), null, now(),
                new LotTerms.Grant(LotCategory.PURCHASE, null, days == null ? null : now().plus(Duration.ofDays(days)))));
        attempts.setAttemptStatusBySession(c.sessionId(), "complete", now());
        if (result instanceof AppendResult.Appended) {
            grants.insertPurchase(new PackPurchase(c.sessionId(), userId, c.metadata().get("pack_id"), credits,
                    c.amountTotal(), c.paymentIntentId(), 0, 0, now()));
            events.emit(userId, EventType.PURCHASE_COMPLETED, new EventData.PurchaseCompleted(
                    c.metadata().get("pack_id"), credits, c.sessionId(), c.paymentIntentId()));
            applyEarlyAdjustments(PaidGrant.Kind.PACK, c.sessionId());
            return Result.applied();
        }
        if (result instanceof AppendResult.Duplicate) {
            return Result.ignored();
        }
        throw new Problem("UNKNOWN_USER", "no user " + userId);
    }

    // --- refunds and disputes -----------------------------------------------------------

    /** The advisory-lock keys of a payment: {@code pi:}, {@code ch:}, {@code in:} (nulls skipped). */
    private static List<String> paymentKeys(String paymentIntentId, String chargeId, String invoiceId) {
        return Arrays.asList(paymentIntentId == null ? null : "pi:" + paymentIntentId,
                chargeId == null ? null : "ch:" + chargeId, invoiceId == null ? null : "in:" + invoiceId);
    }

    /**
     * In the transaction that just recorded a grant (its user row locked): applies the refunds
     * that arrived before it (their stored events, oldest first, through the same rules as on
     * time) and its disputes, so every arrival order ends like the in-order delivery.
     */
    private void applyEarlyAdjustments(PaidGrant.Kind kind, String key) {
        PaidGrant grant = grants.lockGrant(kind, key).orElseThrow();
        for (String payload : grants.takeEarlyRefunds(grant.paymentIntentId(), grant.chargeId(),
                kind == PaidGrant.Kind.INVOICE ? key : null)) {
            BillingEvent early = verifier.map(v -> v.parseVerified(payload)).orElse(null);
            if (early instanceof BillingEvent.ChargeRefunded r) {
                applyRefund(grants.lockGrant(kind, key).orElseThrow(), r);
            }
        }
        for (StoredDispute dispute : disputes.lockDisputes(grant.paymentIntentId(), grant.chargeId())) {
            settleDispute(grants.lockGrant(kind, key).orElseThrow(), dispute);
        }
    }

    /**
     * Claw back refunded credits of a pack purchase or a subscription invoice's allowance in
     * proportion (billing.md {@code charge.refunded}; docs/billing.md "Refunds and disputes").
     * A refund whose payment has no grant yet is stored and applied when the grant is made.
     */
    private Result chargeRefunded(BillingEvent.ChargeRefunded r) {
        if (r.paymentIntentId() == null && r.chargeId() == null && r.invoiceId() == null) {
            return Result.ignored();
        }
        grants.lockPayment(paymentKeys(r.paymentIntentId(), r.chargeId(), r.invoiceId()));
        Optional<PaidGrant> found = grants.findGrant(r.paymentIntentId(), r.chargeId(), r.invoiceId());
        if (found.isEmpty()) {
            // Not granted (yet): a refund may arrive before its purchase. Kept until the grant.
            grants.recordEarlyRefund(r.eventId(), r.paymentIntentId(), r.chargeId(), r.invoiceId(), r.created());
            return Result.applied();
        }
        UUID userId = found.get().userId();
        accounts.lockAccount(userId).orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        PaidGrant grant = grants.lockGrant(found.get().kind(), found.get().key()).orElseThrow();
        return applyRefund(grant, r) ? Result.applied() : Result.ignored();
    }

    /** The refund rules of one event against one grant (user row and grant row locked). */
    private boolean applyRefund(PaidGrant grant, BillingEvent.ChargeRefunded r) {
        UUID userId = grant.userId();
        long paid = r.amount() != null && r.amount() > 0 ? r.amount()
                : grant.amountPaid() != null && grant.amountPaid() > 0 ? grant.amountPaid() : 0;
        if (paid <= 0) {
            throw new Problem("MISSING_FIELD", "charge " + r.chargeId() + " has no amount");
        }
        long applied = grant.refundedAmountApplied();
        boolean any = false;
        List<BillingEvent.Refund> refunds = r.refunds().stream()
                .filter(x -> x.id() != null && x.amount() != null && x.amount() > 0).toList();
        long listed = refunds.stream().mapToLong(BillingEvent.Refund::amount).sum();
        if (!refunds.isEmpty() && r.amountRefunded() != null && listed == r.amountRefunded()) {
            // The complete refund list: one clawback per refund id. Stripe lists newest first; walk
            // oldest first and skip the prefix already covered by earlier clawbacks of this charge.
            List<BillingEvent.Refund> oldestFirst = new ArrayList<>(refunds);
            Collections.reverse(oldestFirst);
            long covered = applied;
            long cumulative = 0;
            for (BillingEvent.Refund refund : oldestFirst) {
                cumulative += refund.amount();
                if (cumulative <= covered) {
                    continue;
                }
                long due = Clawback.amount(grant.credits(), refund.amount(), paid, Long.MAX_VALUE);
                if (clawBack(grant, due, refund.amount(), LedgerRef.stripeRefund(refund.id()), r.chargeId())) {
                    any = true;
                }
            }
            return any;
        }
        // No (complete) refund list, as in dahlia payloads: the delta of the cumulative amount_refunded.
        if (r.amountRefunded() == null || r.amountRefunded() <= applied) {
            return false;
        }
        long nowRefunded = r.amountRefunded();
        long due = Clawback.forCumulativeRefund(grant.credits(), nowRefunded, applied, paid, Long.MAX_VALUE);
        return clawBack(grant, due, nowRefunded - applied,
                LedgerRef.stripeRefund(r.chargeId() + ":" + nowRefunded), r.chargeId());
    }

    /**
     * Debits what the balance covers of {@code due} ({@link Clawback#settle}), records the
     * refunded cents and the clawed-back and forgiven credits on the grant.
     *
     * @return false when the ref was applied before (nothing changed)
     */
    private boolean clawBack(PaidGrant grant, long due, long refundedCents, LedgerRef ref, String chargeId) {
        Clawback.Settlement settlement = settle(grant, due, ref);
        if (settlement == null) {
            return false;
        }
        grants.addClawback(grant.kind(), grant.key(), refundedCents, settlement.debit() + settlement.debt(),
                settlement.forgiven());
        events.emit(grant.userId(), EventType.REFUND_CLAWED_BACK, new EventData.RefundClawedBack(settlement.debit(),
                settlement.debt(), chargeId != null ? chargeId : grant.chargeId()));
        return true;
    }

    /**
     * Settles a clawback of {@code due} credits of {@code grant} under {@code REFUND_SHORTFALL}:
     * the debit takes from the grant's own lot first, then in burn order (docs/lots.md); what
     * the balance does not cover becomes debt or is forgiven. Credits taken as debt count as
     * clawed back on the grant and the dispute (a won dispute gives them back, which repays the
     * debt first).
     *
     * @return the settlement, or null when {@code ref} was applied before (nothing changed)
     */
    private Clawback.Settlement settle(PaidGrant grant, long due, LedgerRef ref) {
        Clawback.Settlement settlement = Clawback.settle(due, balanceOf(grant.userId()),
                debts != null ? Clawback.Shortfall.DEBT : Clawback.Shortfall.FORGIVE);
        if (settlement.debit() > 0) {
            AppendResult result = ledger.append(LedgerAppend.of(grant.userId(), -settlement.debit(),
                    LedgerReason.REFUND_CLAWBACK, ref, now()).withLots(new LotTerms.Burn(lotRefOf(grant))));
            if (!(result instanceof AppendResult.Appended)) {
                return null;
            }
        }
        if (settlement.debt() > 0) {
            debts.addDebt(grant.userId(), settlement.debt());
        }
        return settlement;
    }

    /** The granting ref of the lot a paid grant made. */
    private static LedgerRef lotRefOf(PaidGrant grant) {
        return grant.kind() == PaidGrant.Kind.PACK
                ? LedgerRef.stripeCheckoutSession(grant.key())
                : LedgerRef.stripeInvoice(grant.key());
    }

    private long balanceOf(UUID userId) {
        return accounts.findAccount(userId).orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId))
                .creditsBalance();
    }

    /**
     * {@code charge.dispute.*}: record the dispute (a closed one is final), then, if its payment
     * was granted, claw back like a full refund of the disputed amount and give back once when
     * it closes as won (docs/billing.md "Refunds and disputes").
     */
    private Result chargeDispute(BillingEvent.ChargeDispute d) {
        if (d.disputeId() == null || (d.paymentIntentId() == null && d.chargeId() == null)) {
            throw new Problem("MISSING_FIELD", "dispute " + d.disputeId() + " has no id, charge or payment intent");
        }
        if (d.amount() == null || d.amount() < 0) {
            throw new Problem("MISSING_FIELD", "dispute " + d.disputeId() + " has no amount");
        }
        boolean closed = d.closed();
        grants.lockPayment(paymentKeys(d.paymentIntentId(), d.chargeId(), null));
        Optional<PaidGrant> found = grants.findGrant(d.paymentIntentId(), d.chargeId(), null);
        found.ifPresent(g -> accounts.lockAccount(g.userId()));
        StoredDispute dispute = disputes.recordDispute(d.disputeId(), d.paymentIntentId(), d.chargeId(), d.amount(),
                d.status() == null ? "unknown" : d.status(), closed, now());
        if (found.isEmpty()) {
            return Result.applied(); // kept until its payment is granted
        }
        PaidGrant grant = grants.lockGrant(found.get().kind(), found.get().key()).orElseThrow();
        return settleDispute(grant, dispute) ? Result.applied() : Result.ignored();
    }

    /** Applies what the dispute's recorded state still owes the ledger (each effect once). */
    private boolean settleDispute(PaidGrant grant, StoredDispute dispute) {
        boolean changed = false;
        long clawed = dispute.creditsClawedBack();
        if (dispute.clawedAt() == null) {
            long paid = grant.amountPaid() != null && grant.amountPaid() > 0 ? grant.amountPaid()
                    : Math.max(1, dispute.amount());
            long open = Math.max(0, grant.credits() - grant.creditsClawedBack() - grant.creditsForgiven());
            long due = Math.min(open, Clawback.amount(grant.credits(), dispute.amount(), paid, Long.MAX_VALUE));
            Clawback.Settlement settlement = settle(grant, due,
                    LedgerRef.stripeDispute(dispute.disputeId()));
            if (settlement == null) {
                return false;
            }
            clawed = settlement.debit() + settlement.debt();
            disputes.disputeClawed(dispute.disputeId(), clawed, settlement.forgiven(), now());
            changed = true;
        }
        if (dispute.closed() && Disputes.reinstates(dispute.status()) && dispute.reinstatedAt() == null) {
            if (clawed > 0) {
                ledger.append(LedgerAppend.of(grant.userId(), clawed, LedgerReason.REFUND_CLAWBACK,
                        LedgerRef.stripeDisputeReinstated(dispute.disputeId()), now()));
            }
            disputes.disputeReinstated(dispute.disputeId(), now());
            changed = true;
        }
        return changed;
    }

    // --- subscriptions ------------------------------------------------------------------

    /**
     * Subscription checkout completed: subscription and customer ids, status {@code active};
     * never credits (lesson 1). The plan is the one of the subscription's price once any event
     * of the subscription carried it, else {@code metadata.plan} until one does; a disagreement
     * is recorded as {@code PLAN_MISMATCH} (the price wins). A second live subscription is
     * cancelled at Stripe.
     */
    private Result subscriptionCheckoutCompleted(BillingEvent.CheckoutSessionCompleted c) {
        UUID userId = userOf(c.clientReferenceId(), c.metadata());
        String subscriptionId = c.subscriptionId();
        if (subscriptionId == null) {
            throw new Problem("MISSING_FIELD", "subscription checkout " + c.sessionId() + " has no subscription");
        }
        Optional<BillingAccount> locked = accounts.lockAccount(userId);
        if (locked.isEmpty()) {
            // The user is gone (e.g. deleted while this checkout was open): a subscription nobody
            // owns must not keep billing, so it is cancelled at Stripe after commit.
            if (gateway.isPresent()) {
                recordCancel(subscriptionId, "cancel_orphan_" + subscriptionId);
            }
            throw new Problem("UNKNOWN_USER", "no user " + userId + "; subscription " + subscriptionId
                    + (gateway.isPresent() ? " is cancelled at Stripe" : " could not be cancelled: Stripe not configured"));
        }
        BillingAccount account = locked.get();
        String metadataPlan = c.metadata().get("plan");
        Optional<SubscriptionMark> mark = subscriptions.subscriptionMark(subscriptionId);
        String pricePlan = mark.map(SubscriptionMark::pricePlan).orElse(null);
        Plan plan = plans.byId(pricePlan != null ? pricePlan : metadataPlan).filter(Plan::paid).orElseThrow(() ->
                new Problem("UNKNOWN_PLAN", "checkout " + c.sessionId() + " names plan " + metadataPlan
                        + ", which is not a paid plan of the catalog"));
        if (c.customerId() != null && !accounts.setCustomerIfAbsent(userId, c.customerId())) {
            throw new Problem("CUSTOMER_MISMATCH", "checkout " + c.sessionId() + " customer " + c.customerId()
                    + " is not the user's Stripe customer");
        }
        if (c.sessionId() != null) {
            attempts.setAttemptStatusBySession(c.sessionId(), "complete", now());
        }
        String current = account.stripeSubscriptionId();
        if (current != null && !current.equals(subscriptionId) && Subscriptions.isLive(account.subscriptionStatus())) {
            return duplicateSubscription(c, userId, current, subscriptionId);
        }
        Optional<String> status = advance(subscriptionId, userId, c.created(), c.eventId(), "active", null);
        if (status.isEmpty()) {
            return Result.ignored(); // a newer event of this subscription was applied, or it was deleted
        }
        accounts.updateSubscription(userId, plan.id(), subscriptionId, status.get(), false, null, now());
        return planMismatch(metadataPlan, plan, "checkout " + c.sessionId());
    }

    /** The user already has a different live subscription: the incoming one is cancelled at Stripe. */
    private Result duplicateSubscription(BillingEvent.CheckoutSessionCompleted c, UUID userId, String current,
                                         String subscriptionId) {
        if (gateway.isEmpty()) {
            throw new Problem("DUPLICATE_SUBSCRIPTION", "user already has subscription " + current + "; "
                    + subscriptionId + " could not be cancelled: STRIPE_SECRET_KEY is not set");
        }
        // Never call Stripe here (the user's row is locked): the cancel is an intent committed with
        // the event and performed after commit, retried until Stripe confirms.
        recordCancel(subscriptionId, "cancel_duplicate_" + subscriptionId);
        subscriptions.markDeleted(subscriptionId, userId, c.created(), c.eventId());
        return Result.applied();
    }

    /** Records an immediate cancel of a subscription as a Stripe intent, due now. */
    private void recordCancel(String subscriptionId, String idempotencyKey) {
        intents.insert(new StripeIntent(UUID.randomUUID(), StripeIntent.CANCEL_NOW, subscriptionId, idempotencyKey, 0,
                now()), now());
    }

    /**
     * Advances the subscription's watermark for an event and returns the status to apply: a
     * strictly newer event's own status; on a tie (same second) the more advanced status
     * ({@link Subscriptions#statusAfter}); empty when the event is older or the subscription
     * was deleted. Runs under the owner's row lock, which serialises the read and the write.
     */
    private Optional<String> advance(String subscriptionId, UUID userId, Instant created, String eventId,
                                     String status, String pricePlan) {
        Optional<SubscriptionMark> mark = subscriptions.subscriptionMark(subscriptionId);
        boolean strictlyNewer = mark.isEmpty() || created.isAfter(mark.get().lastEventCreated());
        String applied = Subscriptions.statusAfter(mark.map(SubscriptionMark::lastStatus).orElse(null), status,
                strictlyNewer);
        if (!subscriptions.advanceWatermark(subscriptionId, userId, created, eventId, applied, pricePlan)) {
            return Optional.empty();
        }
        return Optional.of(applied);
    }

    /** Applied; but {@code PLAN_MISMATCH} recorded when {@code metadata.plan} names another plan than the price. */
    private static Result planMismatch(String metadataPlan, Plan applied, String what) {
        if (metadataPlan == null || metadataPlan.isBlank() || metadataPlan.trim().equals(applied.id())) {
            return Result.applied();
        }
        return new Result(PROBLEM, "PLAN_MISMATCH", what + " metadata.plan " + metadataPlan
                + " disagrees with the subscription's price (plan " + applied.id() + "); the price's plan was applied");
    }

    /**
     * Allowance from a paid subscription invoice only (lessons 1, 2), of the plan of its recurring
     * subscription lines (never proration or one-off lines; two plans → problem); never changes
     * the plan. The grant is recorded so a refund or dispute of its payment claws back in
     * proportion.
     */
    private Result invoicePaid(BillingEvent.InvoicePaid i) {
        if (!PaidAllowance.grants(i.billingReason(), i.status())) {
            return Result.ignored(); // proration, manual, threshold... or not paid
        }
        if (i.invoiceId() == null) {
            throw new Problem("MISSING_FIELD", "invoice has no id");
        }
        UUID userId = userByCustomer(i.customerId());
        Plan plan;
        try {
            plan = PaidAllowance.planOf(plans, i.recurringLinePriceIds()).orElseThrow(() -> new Problem(
                    "UNKNOWN_PRICE", "invoice " + i.invoiceId() + " recurring line prices "
                    + i.recurringLinePriceIds() + " match no paid plan (all line prices: " + i.linePriceIds() + ")"));
        } catch (PaidAllowance.AmbiguousPlanException e) {
            throw new Problem("AMBIGUOUS_PLAN", "invoice " + i.invoiceId() + " recurring lines name different plans "
                    + e.planIds() + "; nothing granted");
        }
        grants.lockPayment(paymentKeys(i.paymentIntentId(), i.chargeId(), i.invoiceId()));
        accounts.lockAccount(userId).orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        if (plan.monthlyCredits() == 0) {
            return Result.ignored();
        }
        AllowanceExpiry expiry = allowanceExpiry.getOrDefault(plan.id(), AllowanceExpiry.NEVER);
        // A late event of a period already over makes a lot that expires at the next touch (with its rollover).
        Instant expiresAt = expiry.expiresAt(i.periodEnd());
        AppendResult result = ledger.append(new LedgerAppend(userId, plan.monthlyCredits(),
                LedgerReason.MONTHLY_ALLOWANCE, LedgerRef.stripeInvoice(i.invoiceId()),
                "plan " + plan.id() + " " + i.billingReason(), null, now(),
                new LotTerms.Grant(LotCategory.ALLOWANCE, null, expiresAt,
                        expiresAt == null ? null : expiry.rollover(i.periodStart(), expiresAt))));
        if (!(result instanceof AppendResult.Appended)) {
            return Result.ignored();
        }
        grants.insertInvoiceGrant(new PaidGrant(PaidGrant.Kind.INVOICE, i.invoiceId(), userId, plan.monthlyCredits(),
                i.amountPaid(), i.paymentIntentId(), i.chargeId(), 0, 0, 0), now());
        applyEarlyAdjustments(PaidGrant.Kind.INVOICE, i.invoiceId());
        return Result.applied();
    }

    private Result invoicePaymentFailed(BillingEvent.InvoicePaymentFailed f) {
        UUID userId = userByCustomer(f.customerId());
        BillingAccount account = accounts.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        if (f.subscriptionId() == null || !f.subscriptionId().equals(account.stripeSubscriptionId())) {
            return Result.ignored();
        }
        Optional<String> status = advance(f.subscriptionId(), userId, f.created(), f.eventId(), "past_due", null);
        if (status.isEmpty()) {
            return Result.ignored();
        }
        accounts.updateSubscriptionStatus(userId, status.get(), now());
        return Result.applied();
    }

    /**
     * Price (plan), status and cancel-at-period-end, if not older and the user's (lessons 14-16);
     * on a same-second tie the more advanced status stays. {@code metadata.plan} disagreeing with
     * the price is recorded as {@code PLAN_MISMATCH} (the price wins).
     */
    private Result subscriptionChanged(BillingEvent.SubscriptionChanged s) {
        if (s.subscriptionId() == null) {
            throw new Problem("MISSING_FIELD", "subscription has no id");
        }
        UUID userId = subscriptionOwner(s.customerId(), s.metadata());
        BillingAccount account = accounts.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        Optional<Plan> pricePlan = plans.byStripePrice(s.priceId()).filter(Plan::paid);
        if (!Subscriptions.concernsUser(account.stripeSubscriptionId(), s.subscriptionId(), s.status())) {
            // Not the user's current subscription (e.g. still incomplete): its timeline, status and
            // price are still recorded, so a same-second completion converges and deletion cancels it.
            if (account.stripeSubscriptionId() == null || !Subscriptions.isLive(account.subscriptionStatus())) {
                advance(s.subscriptionId(), userId, s.created(), s.eventId(), s.status(),
                        pricePlan.map(Plan::id).orElse(null));
            }
            return Result.ignored();
        }
        Plan plan = pricePlan.orElseThrow(() ->
                new Problem("UNKNOWN_PRICE", "subscription " + s.subscriptionId() + " price " + s.priceId()
                        + " matches no paid plan"));
        Optional<String> status = advance(s.subscriptionId(), userId, s.created(), s.eventId(), s.status(), plan.id());
        if (status.isEmpty()) {
            return Result.ignored();
        }
        accounts.updateSubscription(userId, plan.id(), s.subscriptionId(), status.get(),
                Boolean.TRUE.equals(s.cancelAtPeriodEnd()), s.currentPeriodEnd(), now());
        // Only a new subscription is checked: after a plan change in the portal, the metadata
        // written at checkout names the old plan and the price is the truth.
        return s.newSubscription()
                ? planMismatch(s.metadata().get("plan"), plan, "subscription " + s.subscriptionId())
                : Result.applied();
    }

    /** Back to free, anchor restarted, only for the user's current subscription (lesson 14). */
    private Result subscriptionDeleted(BillingEvent.SubscriptionDeleted d) {
        if (d.subscriptionId() == null) {
            throw new Problem("MISSING_FIELD", "subscription has no id");
        }
        UUID userId = userByCustomer(d.customerId());
        BillingAccount account = accounts.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        String current = account.stripeSubscriptionId();
        boolean newlyDeleted = subscriptions.markDeleted(d.subscriptionId(), userId, d.created(), d.eventId());
        if (!newlyDeleted || (current != null && !current.equals(d.subscriptionId()))) {
            return Result.ignored(); // already deleted, or a stale event of an old subscription
        }
        accounts.endSubscription(userId, "canceled", now());
        return Result.applied();
    }

    // --- lookups ------------------------------------------------------------------------

    private UUID userByCustomer(String customerId) {
        if (customerId == null) {
            throw new Problem("UNKNOWN_CUSTOMER", "event has no customer");
        }
        return accounts.userIdByCustomer(customerId)
                .orElseThrow(() -> new Problem("UNKNOWN_CUSTOMER", "no user has Stripe customer " + customerId));
    }

    /** The customer's user, else {@code metadata.user_id} (then the customer is stored on the user). */
    private UUID subscriptionOwner(String customerId, Map<String, String> metadata) {
        if (customerId != null) {
            Optional<UUID> byCustomer = accounts.userIdByCustomer(customerId);
            if (byCustomer.isPresent()) {
                return byCustomer.get();
            }
        }
        UUID fromMetadata = uuidOrNull(metadata.get("user_id"));
        if (fromMetadata == null) {
            throw new Problem("UNKNOWN_CUSTOMER", "no user has Stripe customer " + customerId);
        }
        if (customerId != null && accounts.findAccount(fromMetadata).isPresent()
                && !accounts.setCustomerIfAbsent(fromMetadata, customerId)) {
            throw new Problem("CUSTOMER_MISMATCH", "customer " + customerId + " is not the Stripe customer of user "
                    + fromMetadata);
        }
        return fromMetadata;
    }

    private static UUID userOf(String clientReferenceId, Map<String, String> metadata) {
        UUID id = uuidOrNull(clientReferenceId);
        if (id == null) {
            id = uuidOrNull(metadata.get("user_id"));
        }
        if (id == null) {
            throw new Problem("UNKNOWN_USER", "client_reference_id " + clientReferenceId + " is not a user id");
        }
        return id;
    }

    private static UUID uuidOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long positiveLong(String text, String field) {
        try {
            long v = Long.parseLong(text == null ? "" : text.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Problem("INVALID_METADATA", field + " is not a positive whole number: " + text);
    }

    // --- admin --------------------------------------------------------------------------

    @Override
    public EventPage billingEvents(boolean problemsOnly, int limit, int offset) {
        int size = limit <= 0 ? 20 : Math.min(limit, 100);
        int from = Math.max(0, offset);
        return tx.inTransaction(() -> new EventPage(inbox.events(problemsOnly, size, from),
                inbox.countEvents(problemsOnly)));
    }

    private Instant now() {
        return clock.instant();
    }
}
