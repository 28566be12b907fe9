package dev.creditline.application.service;

import dev.creditline.application.port.in.HandleBillingWebhookUseCase;
import dev.creditline.application.port.in.ListBillingEventsUseCase;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.billing.BillingAccount;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEventVerifier;
import dev.creditline.application.port.out.billing.BillingRepository;
import dev.creditline.application.port.out.billing.MalformedEventException;
import dev.creditline.application.port.out.billing.PackPurchase;
import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.domain.allowance.PaidAllowance;
import dev.creditline.domain.billing.BillingNotConfiguredException;
import dev.creditline.domain.billing.Clawback;
import dev.creditline.domain.billing.Subscriptions;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    private final BillingRepository billing;
    private final LedgerRepository ledger;
    private final PlanCatalog plans;
    private final Optional<BillingEventVerifier> verifier;
    private final Optional<PaymentGateway> gateway;
    private final Clock clock;

    /**
     * @param verifier empty when {@code STRIPE_WEBHOOK_SECRET} is unset (the webhook answers 503)
     * @param gateway  empty when {@code STRIPE_SECRET_KEY} is unset (a duplicate subscription
     *                 cannot be cancelled; recorded as a problem)
     */
    public BillingWebhookService(TransactionPort tx, BillingRepository billing, LedgerRepository ledger,
                                 PlanCatalog plans, Optional<BillingEventVerifier> verifier,
                                 Optional<PaymentGateway> gateway, Clock clock) {
        this.tx = tx;
        this.billing = billing;
        this.ledger = ledger;
        this.plans = plans;
        this.verifier = verifier;
        this.gateway = gateway;
        this.clock = clock;
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
                if (!billing.insertEvent(m.eventId(), m.type(), created, m.payload(), receivedAt)) {
                    return new WebhookOutcome(m.eventId(), m.type(), true, null, null);
                }
                billing.setEventOutcome(m.eventId(), PROBLEM, MalformedEventException.CODE, m.getMessage());
                return new WebhookOutcome(m.eventId(), m.type(), false, PROBLEM, MalformedEventException.CODE);
            });
        }
        return process(event);
    }

    /** Stores and applies a verified event in one transaction. */
    WebhookOutcome process(BillingEvent event) {
        return tx.inTransaction(() -> {
            if (!billing.insertEvent(event.eventId(), event.type(), event.created(), event.payload(), now())) {
                return new WebhookOutcome(event.eventId(), event.type(), true, null, null);
            }
            Result result;
            try {
                result = apply(event);
            } catch (Problem p) {
                result = new Result(PROBLEM, p.code, p.getMessage());
            }
            if (!APPLIED.equals(result.outcome())) {
                billing.setEventOutcome(event.eventId(), result.outcome(), result.problemCode(), result.problem());
            }
            return new WebhookOutcome(event.eventId(), event.type(), false, result.outcome(), result.problemCode());
        });
    }

    private Result apply(BillingEvent event) {
        if (event instanceof BillingEvent.CheckoutSessionCompleted c) {
            if ("payment".equals(c.mode())) {
                boolean paid = "paid".equals(c.paymentStatus()) || "no_payment_required".equals(c.paymentStatus());
                return paid ? packPaid(c) : Result.ignored(); // async payment: wait (lesson 13)
            }
            if ("subscription".equals(c.mode())) {
                return subscriptionCheckoutCompleted(c);
            }
            return Result.ignored();
        }
        if (event instanceof BillingEvent.CheckoutSessionAsyncPaymentSucceeded a) {
            return "payment".equals(a.mode()) ? packPaid(a) : Result.ignored();
        }
        if (event instanceof BillingEvent.CheckoutSessionExpired x) {
            if (x.sessionId() != null) {
                billing.setAttemptStatusBySession(x.sessionId(), "expired", now());
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
        return Result.ignored();
    }

    // --- credit packs -------------------------------------------------------------------

    /** Grant {@code metadata.credits}, ref {@code stripe_checkout_session/<id>}, once per session. */
    private Result packPaid(BillingEvent.CheckoutSessionEvent c) {
        if (c.sessionId() == null) {
            throw new Problem("MISSING_FIELD", "checkout session has no id");
        }
        UUID userId = userOf(c.clientReferenceId(), c.metadata());
        long credits = positiveLong(c.metadata().get("credits"), "metadata.credits");
        BillingAccount account = billing.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        AppendResult result = ledger.append(new LedgerAppend(account.userId(), credits, LedgerReason.PURCHASE,
                new LedgerRef("stripe_checkout_session", c.sessionId()),
                "credit pack " + c.metadata().getOrDefault("pack_id", "?"), null, now()));
        billing.setAttemptStatusBySession(c.sessionId(), "complete", now());
        if (result instanceof AppendResult.Appended) {
            billing.insertPurchase(new PackPurchase(c.sessionId(), userId, c.metadata().get("pack_id"), credits,
                    c.amountTotal(), c.paymentIntentId(), 0, 0, now()));
            return Result.applied();
        }
        if (result instanceof AppendResult.Duplicate) {
            return Result.ignored();
        }
        throw new Problem("UNKNOWN_USER", "no user " + userId);
    }

    /** Claw back refunded pack credits (billing.md {@code charge.refunded}; docs/billing.md "Refunds"). */
    private Result chargeRefunded(BillingEvent.ChargeRefunded r) {
        if (r.paymentIntentId() == null) {
            return notAPackPayment(r);
        }
        Optional<PackPurchase> found = billing.lockPurchaseByPaymentIntent(r.paymentIntentId());
        if (found.isEmpty()) {
            return notAPackPayment(r);
        }
        UUID userId = found.get().userId();
        BillingAccount account = billing.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        PackPurchase purchase = billing.lockPurchaseByPaymentIntent(r.paymentIntentId()).orElseThrow();
        long paid = r.amount() != null && r.amount() > 0 ? r.amount()
                : purchase.amountTotal() != null && purchase.amountTotal() > 0 ? purchase.amountTotal() : 0;
        if (paid <= 0) {
            throw new Problem("MISSING_FIELD", "charge " + r.chargeId() + " has no amount");
        }
        long balance = account.creditsBalance();
        long applied = purchase.refundedAmountApplied();
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
                long claw = Clawback.amount(purchase.credits(), refund.amount(), paid, balance);
                if (claw > 0) {
                    AppendResult result = ledger.append(LedgerAppend.of(userId, -claw, LedgerReason.REFUND_CLAWBACK,
                            new LedgerRef("stripe_refund", refund.id()), now()));
                    if (!(result instanceof AppendResult.Appended)) {
                        continue;
                    }
                    balance -= claw;
                }
                billing.addRefund(purchase.stripeSessionId(), refund.amount(), claw);
                any = true;
            }
            return any ? Result.applied() : Result.ignored();
        }
        // No (complete) refund list, as in dahlia payloads: the delta of the cumulative amount_refunded.
        if (r.amountRefunded() == null || r.amountRefunded() <= applied) {
            return Result.ignored();
        }
        long nowRefunded = r.amountRefunded();
        long claw = Clawback.forCumulativeRefund(purchase.credits(), nowRefunded, applied, paid, balance);
        if (claw > 0) {
            AppendResult result = ledger.append(LedgerAppend.of(userId, -claw, LedgerReason.REFUND_CLAWBACK,
                    new LedgerRef("stripe_refund", r.chargeId() + ":" + nowRefunded), now()));
            if (!(result instanceof AppendResult.Appended)) {
                return Result.ignored();
            }
        }
        billing.addRefund(purchase.stripeSessionId(), nowRefunded - applied, claw);
        return Result.applied();
    }

    private static Result notAPackPayment(BillingEvent.ChargeRefunded r) {
        if (r.metadata().containsKey("pack_id") || r.metadata().containsKey("credits")) {
            throw new Problem("UNKNOWN_PURCHASE", "refund of charge " + r.chargeId()
                    + " names a credit pack but no granted purchase has payment intent " + r.paymentIntentId());
        }
        return Result.ignored(); // not a credit-pack payment (e.g. a subscription invoice)
    }

    // --- subscriptions ------------------------------------------------------------------

    /**
     * Subscription checkout completed: plan from {@code metadata.plan}, subscription and customer
     * ids, status {@code active}; never credits (lesson 1). A second live subscription is
     * cancelled at Stripe.
     */
    private Result subscriptionCheckoutCompleted(BillingEvent.CheckoutSessionCompleted c) {
        UUID userId = userOf(c.clientReferenceId(), c.metadata());
        String subscriptionId = c.subscriptionId();
        if (subscriptionId == null) {
            throw new Problem("MISSING_FIELD", "subscription checkout " + c.sessionId() + " has no subscription");
        }
        String planId = c.metadata().get("plan");
        Plan plan = plans.byId(planId).filter(Plan::paid).orElseThrow(() ->
                new Problem("UNKNOWN_PLAN", "checkout " + c.sessionId() + " names plan " + planId
                        + ", which is not a paid plan of the catalog"));
        BillingAccount account = billing.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        if (c.customerId() != null && !billing.setCustomerIfAbsent(userId, c.customerId())) {
            throw new Problem("CUSTOMER_MISMATCH", "checkout " + c.sessionId() + " customer " + c.customerId()
                    + " is not the user's Stripe customer");
        }
        if (c.sessionId() != null) {
            billing.setAttemptStatusBySession(c.sessionId(), "complete", now());
        }
        String current = account.stripeSubscriptionId();
        if (current != null && !current.equals(subscriptionId) && Subscriptions.isLive(account.subscriptionStatus())) {
            PaymentGateway stripe = gateway.orElseThrow(() -> new Problem("DUPLICATE_SUBSCRIPTION",
                    "user already has subscription " + current + "; " + subscriptionId
                            + " could not be cancelled: STRIPE_SECRET_KEY is not set"));
            // Inside the transaction on purpose: if Stripe fails, nothing is recorded and Stripe retries.
            stripe.cancelNow(subscriptionId, "cancel_duplicate_" + subscriptionId);
            billing.markDeleted(subscriptionId, userId, c.created(), c.eventId());
            return Result.applied();
        }
        if (!billing.advanceWatermark(subscriptionId, userId, c.created(), c.eventId())) {
            return Result.ignored(); // a newer event of this subscription was applied, or it was deleted
        }
        billing.updateSubscription(userId, plan.id(), subscriptionId, "active", false, null, now());
        return Result.applied();
    }

    /** Allowance from a paid subscription invoice only (lessons 1, 2); never changes the plan. */
    private Result invoicePaid(BillingEvent.InvoicePaid i) {
        if (!PaidAllowance.grants(i.billingReason(), i.status())) {
            return Result.ignored(); // proration, manual, threshold... or not paid
        }
        if (i.invoiceId() == null) {
            throw new Problem("MISSING_FIELD", "invoice has no id");
        }
        UUID userId = userByCustomer(i.customerId());
        Plan plan = i.linePriceIds().stream()
                .map(plans::byStripePrice).flatMap(Optional::stream).filter(Plan::paid).findFirst()
                .orElseThrow(() -> new Problem("UNKNOWN_PRICE", "invoice " + i.invoiceId() + " prices "
                        + i.linePriceIds() + " match no paid plan"));
        billing.lockAccount(userId).orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        if (plan.monthlyCredits() == 0) {
            return Result.ignored();
        }
        AppendResult result = ledger.append(new LedgerAppend(userId, plan.monthlyCredits(),
                LedgerReason.MONTHLY_ALLOWANCE, new LedgerRef("stripe_invoice", i.invoiceId()),
                "plan " + plan.id() + " " + i.billingReason(), null, now()));
        return result instanceof AppendResult.Appended ? Result.applied() : Result.ignored();
    }

    private Result invoicePaymentFailed(BillingEvent.InvoicePaymentFailed f) {
        UUID userId = userByCustomer(f.customerId());
        BillingAccount account = billing.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        if (f.subscriptionId() == null || !f.subscriptionId().equals(account.stripeSubscriptionId())) {
            return Result.ignored();
        }
        if (!billing.advanceWatermark(f.subscriptionId(), userId, f.created(), f.eventId())) {
            return Result.ignored();
        }
        billing.updateSubscriptionStatus(userId, "past_due", now());
        return Result.applied();
    }

    /** Price (plan), status and cancel-at-period-end, if newest and the user's (lessons 14-16). */
    private Result subscriptionChanged(BillingEvent.SubscriptionChanged s) {
        if (s.subscriptionId() == null) {
            throw new Problem("MISSING_FIELD", "subscription has no id");
        }
        UUID userId = subscriptionOwner(s.customerId(), s.metadata());
        BillingAccount account = billing.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        if (!Subscriptions.concernsUser(account.stripeSubscriptionId(), s.subscriptionId(), s.status())) {
            return Result.ignored();
        }
        Plan plan = plans.byStripePrice(s.priceId()).filter(Plan::paid).orElseThrow(() ->
                new Problem("UNKNOWN_PRICE", "subscription " + s.subscriptionId() + " price " + s.priceId()
                        + " matches no paid plan"));
        if (!billing.advanceWatermark(s.subscriptionId(), userId, s.created(), s.eventId())) {
            return Result.ignored();
        }
        billing.updateSubscription(userId, plan.id(), s.subscriptionId(), s.status(),
                Boolean.TRUE.equals(s.cancelAtPeriodEnd()), s.currentPeriodEnd(), now());
        return Result.applied();
    }

    /** Back to free, anchor restarted, only for the user's current subscription (lesson 14). */
    private Result subscriptionDeleted(BillingEvent.SubscriptionDeleted d) {
        if (d.subscriptionId() == null) {
            throw new Problem("MISSING_FIELD", "subscription has no id");
        }
        UUID userId = userByCustomer(d.customerId());
        BillingAccount account = billing.lockAccount(userId)
                .orElseThrow(() -> new Problem("UNKNOWN_USER", "no user " + userId));
        String current = account.stripeSubscriptionId();
        boolean newlyDeleted = billing.markDeleted(d.subscriptionId(), userId, d.created(), d.eventId());
        if (!newlyDeleted || (current != null && !current.equals(d.subscriptionId()))) {
            return Result.ignored(); // already deleted, or a stale event of an old subscription
        }
        billing.endSubscription(userId, "canceled", now());
        return Result.applied();
    }

    // --- lookups ------------------------------------------------------------------------

    private UUID userByCustomer(String customerId) {
        if (customerId == null) {
            throw new Problem("UNKNOWN_CUSTOMER", "event has no customer");
        }
        return billing.userIdByCustomer(customerId)
                .orElseThrow(() -> new Problem("UNKNOWN_CUSTOMER", "no user has Stripe customer " + customerId));
    }

    /** The customer's user, else {@code metadata.user_id} (then the customer is stored on the user). */
    private UUID subscriptionOwner(String customerId, Map<String, String> metadata) {
        if (customerId != null) {
            Optional<UUID> byCustomer = billing.userIdByCustomer(customerId);
            if (byCustomer.isPresent()) {
                return byCustomer.get();
            }
        }
        UUID fromMetadata = uuidOrNull(metadata.get("user_id"));
        if (fromMetadata == null) {
            throw new Problem("UNKNOWN_CUSTOMER", "no user has Stripe customer " + customerId);
        }
        if (customerId != null && billing.findAccount(fromMetadata).isPresent()
                && !billing.setCustomerIfAbsent(fromMetadata, customerId)) {
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
        return tx.inTransaction(() -> new EventPage(billing.events(problemsOnly, size, from),
                billing.countEvents(problemsOnly)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
