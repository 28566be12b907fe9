package dev.creditline.application.service.billing;

import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.CheckoutAttempt;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.application.port.out.billing.StripeIntent;
import dev.creditline.application.port.out.billing.StripeIntentRepository;
import dev.creditline.application.port.out.billing.SubscriptionMark;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.domain.billing.SubscriptionStatus;
import dev.creditline.domain.billing.Subscriptions;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A subscription's lifecycle sets the user's plan, subscription id, status and
 * cancel-at-period-end, and never grants credits (lesson 1: invoices do). Every event of a
 * subscription advances its watermark ({@code event.created}); only a strictly newer event sets
 * state, a same-second tie keeps the more advanced status ({@link Subscriptions#statusAfter}), and
 * a deleted subscription is a tombstone nothing revives (lessons 14, 15). Only the user's current
 * subscription changes the user (a stale deletion does not downgrade). The plan comes from the
 * subscription's price, never guessed (lesson 16): an unknown price is a problem, a disagreeing
 * {@code metadata.plan} is recorded as {@code PLAN_MISMATCH} and the price wins. A second live
 * subscription, or one whose user is gone, is cancelled at Stripe through a Stripe intent
 * committed with the event (never a remote call under the row lock).
 */
public final class SubscriptionHandler {

    private final BillingAccountRepository accounts;
    private final CheckoutAttemptRepository attempts;
    private final SubscriptionMarkRepository subscriptions;
    private final StripeIntentRepository intents;
    private final EventUsers users;
    private final PlanCatalog plans;
    private final boolean canCancel;
    private final Clock clock;

    /** @param canCancel whether Stripe is configured to cancel a subscription ({@code STRIPE_SECRET_KEY}) */
    public SubscriptionHandler(BillingAccountRepository accounts, CheckoutAttemptRepository attempts,
                               SubscriptionMarkRepository subscriptions, StripeIntentRepository intents,
                               EventUsers users, PlanCatalog plans, boolean canCancel, Clock clock) {
        this.accounts = accounts;
        this.attempts = attempts;
        this.subscriptions = subscriptions;
        this.intents = intents;
        this.users = users;
        this.plans = plans;
        this.canCancel = canCancel;
        this.clock = clock;
    }

    /**
     * Subscription checkout completed: subscription and customer ids, status {@code active}. The
     * plan is the one of the subscription's price once any event of the subscription carried it,
     * else {@code metadata.plan} until one does.
     */
    public WebhookResult checkoutCompleted(BillingEvent.CheckoutSessionCompleted c) {
        UUID userId = EventUsers.ofCheckout(c.clientReferenceId(), c.metadata());
        String subscriptionId = c.subscriptionId();
        if (subscriptionId == null) {
            throw new WebhookProblem("MISSING_FIELD", "subscription checkout " + c.sessionId() + " has no subscription");
        }
        Optional<BillingAccount> locked = accounts.lockAccount(userId);
        if (locked.isEmpty()) {
            // The user is gone (e.g. deleted while this checkout was open): a subscription nobody
            // owns must not keep billing, so it is cancelled at Stripe after commit.
            if (canCancel) {
                recordCancel(subscriptionId, "cancel_orphan_" + subscriptionId);
            }
            throw new WebhookProblem("UNKNOWN_USER", "no user " + userId + "; subscription " + subscriptionId
                    + (canCancel ? " is cancelled at Stripe" : " could not be cancelled: Stripe not configured"));
        }
        BillingAccount account = locked.get();
        String metadataPlan = c.metadata().get("plan");
        Optional<SubscriptionMark> mark = subscriptions.subscriptionMark(subscriptionId);
        String pricePlan = mark.map(SubscriptionMark::pricePlan).orElse(null);
        Plan plan = plans.byId(pricePlan != null ? pricePlan : metadataPlan).filter(Plan::paid).orElseThrow(() ->
                new WebhookProblem("UNKNOWN_PLAN", "checkout " + c.sessionId() + " names plan " + metadataPlan
                        + ", which is not a paid plan of the catalog"));
        if (c.customerId() != null && !accounts.setCustomerIfAbsent(userId, c.customerId())) {
            throw new WebhookProblem("CUSTOMER_MISMATCH", "checkout " + c.sessionId() + " customer " + c.customerId()
                    + " is not the user's Stripe customer");
        }
        if (c.sessionId() != null) {
            attempts.setAttemptStatusBySession(c.sessionId(), CheckoutAttempt.COMPLETE, now());
        }
        String current = account.stripeSubscriptionId();
        if (current != null && !current.equals(subscriptionId) && Subscriptions.isLive(account.subscriptionStatus())) {
            return duplicateSubscription(c, userId, current, subscriptionId);
        }
        Optional<SubscriptionStatus> status = advance(subscriptionId, userId, c.created(), c.eventId(),
                SubscriptionStatus.ACTIVE, null);
        if (status.isEmpty()) {
            return WebhookResult.ignored(); // a newer event of this subscription was applied, or it was deleted
        }
        accounts.updateSubscription(userId, plan.id(), subscriptionId, status.get(), false, null, now());
        return planMismatch(metadataPlan, plan, "checkout " + c.sessionId());
    }

    /** A subscription invoice's payment failed: the user's current subscription becomes {@code past_due}. */
    public WebhookResult invoicePaymentFailed(BillingEvent.InvoicePaymentFailed f) {
        UUID userId = users.byCustomer(f.customerId());
        BillingAccount account = users.lock(userId);
        if (f.subscriptionId() == null || !f.subscriptionId().equals(account.stripeSubscriptionId())) {
            return WebhookResult.ignored();
        }
        Optional<SubscriptionStatus> status = advance(f.subscriptionId(), userId, f.created(), f.eventId(),
                SubscriptionStatus.PAST_DUE, null);
        if (status.isEmpty()) {
            return WebhookResult.ignored();
        }
        accounts.updateSubscriptionStatus(userId, status.get(), now());
        return WebhookResult.applied();
    }

    /**
     * Price (plan), status and cancel-at-period-end, if not older and the user's; a subscription
     * that is not (yet) the user's still has its timeline, status and price recorded.
     */
    public WebhookResult changed(BillingEvent.SubscriptionChanged s) {
        if (s.subscriptionId() == null) {
            throw new WebhookProblem("MISSING_FIELD", "subscription has no id");
        }
        UUID userId = users.subscriptionOwner(s.customerId(), s.metadata());
        BillingAccount account = users.lock(userId);
        Optional<Plan> pricePlan = plans.byStripePrice(s.priceId()).filter(Plan::paid);
        if (!Subscriptions.concernsUser(account.stripeSubscriptionId(), s.subscriptionId(), s.status())) {
            // Not the user's current subscription (e.g. still incomplete): its timeline, status and
            // price are still recorded, so a same-second completion converges and deletion cancels it.
            if (account.stripeSubscriptionId() == null || !Subscriptions.isLive(account.subscriptionStatus())) {
                advance(s.subscriptionId(), userId, s.created(), s.eventId(), s.status(),
                        pricePlan.map(Plan::id).orElse(null));
            }
            return WebhookResult.ignored();
        }
        Plan plan = pricePlan.orElseThrow(() ->
                new WebhookProblem("UNKNOWN_PRICE", "subscription " + s.subscriptionId() + " price " + s.priceId()
                        + " matches no paid plan"));
        Optional<SubscriptionStatus> status = advance(s.subscriptionId(), userId, s.created(), s.eventId(), s.status(),
                plan.id());
        if (status.isEmpty()) {
            return WebhookResult.ignored();
        }
        accounts.updateSubscription(userId, plan.id(), s.subscriptionId(), status.get(),
                Boolean.TRUE.equals(s.cancelAtPeriodEnd()), s.currentPeriodEnd(), now());
        // Only a new subscription is checked: after a plan change in the portal, the metadata
        // written at checkout names the old plan and the price is the truth.
        return s.newSubscription()
                ? planMismatch(s.metadata().get("plan"), plan, "subscription " + s.subscriptionId())
                : WebhookResult.applied();
    }

    /** Back to free, anchor restarted, only for the user's current subscription (lesson 14). */
    public WebhookResult deleted(BillingEvent.SubscriptionDeleted d) {
        if (d.subscriptionId() == null) {
            throw new WebhookProblem("MISSING_FIELD", "subscription has no id");
        }
        UUID userId = users.byCustomer(d.customerId());
        BillingAccount account = users.lock(userId);
        String current = account.stripeSubscriptionId();
        boolean newlyDeleted = subscriptions.markDeleted(d.subscriptionId(), userId, d.created(), d.eventId());
        if (!newlyDeleted || (current != null && !current.equals(d.subscriptionId()))) {
            return WebhookResult.ignored(); // already deleted, or a stale event of an old subscription
        }
        accounts.endSubscription(userId, SubscriptionStatus.CANCELED, now());
        return WebhookResult.applied();
    }

    /** The user already has a different live subscription: the incoming one is cancelled at Stripe. */
    private WebhookResult duplicateSubscription(BillingEvent.CheckoutSessionCompleted c, UUID userId, String current,
                                                String subscriptionId) {
        if (!canCancel) {
            throw new WebhookProblem("DUPLICATE_SUBSCRIPTION", "user already has subscription " + current + "; "
                    + subscriptionId + " could not be cancelled: STRIPE_SECRET_KEY is not set");
        }
        // Never call Stripe here (the user's row is locked): the cancel is an intent committed with
        // the event and performed after commit, retried until Stripe confirms.
        recordCancel(subscriptionId, "cancel_duplicate_" + subscriptionId);
        subscriptions.markDeleted(subscriptionId, userId, c.created(), c.eventId());
        return WebhookResult.applied();
    }

    /** Records an immediate cancel of a subscription as a Stripe intent, due now. */
    private void recordCancel(String subscriptionId, String idempotencyKey) {
        intents.insert(new StripeIntent(UUID.randomUUID(), StripeIntent.CANCEL_NOW, subscriptionId, idempotencyKey, 0,
                now()), now());
    }

    /**
     * Advances the subscription's watermark for an event and returns the status to apply: a
     * strictly newer event's own status; on a tie (same second) the more advanced status; empty
     * when the event is older or the subscription was deleted. Runs under the owner's row lock,
     * which serialises the read and the write.
     */
    private Optional<SubscriptionStatus> advance(String subscriptionId, UUID userId, Instant created, String eventId,
                                                 SubscriptionStatus status, String pricePlan) {
        Optional<SubscriptionMark> mark = subscriptions.subscriptionMark(subscriptionId);
        boolean strictlyNewer = mark.isEmpty() || created.isAfter(mark.get().lastEventCreated());
        SubscriptionStatus applied = Subscriptions.statusAfter(mark.map(SubscriptionMark::lastStatus).orElse(null), status,
                strictlyNewer);
        if (!subscriptions.advanceWatermark(subscriptionId, userId, created, eventId, applied, pricePlan)) {
            return Optional.empty();
        }
        return Optional.of(applied);
    }

    /** Applied; but {@code PLAN_MISMATCH} recorded when {@code metadata.plan} names another plan than the price. */
    private static WebhookResult planMismatch(String metadataPlan, Plan applied, String what) {
        if (metadataPlan == null || metadataPlan.isBlank() || metadataPlan.trim().equals(applied.id())) {
            return WebhookResult.applied();
        }
        return WebhookResult.problem("PLAN_MISMATCH", what + " metadata.plan " + metadataPlan
                + " disagrees with the subscription's price (plan " + applied.id() + "); the price's plan was applied");
    }

    private Instant now() {
        return clock.instant();
    }
}
