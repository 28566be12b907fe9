package dev.creditline.application.service.billing;

import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.CheckoutAttempt;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.application.port.out.billing.CheckoutMode;
import dev.creditline.application.port.out.billing.PackPurchase;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.application.port.out.events.EventData;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.LotCategory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A credit pack bought through a payment-mode checkout session is granted once the money has
 * cleared, and only then (lesson 13): on a completed session whose payment status is settled, or
 * on the session's delayed payment succeeding; both grant {@code metadata.credits} with the same
 * ref {@code stripe_checkout_session/<cs>}, so the pack is granted once whichever arrives, however
 * often. The grant is a purchase lot (expiring after {@code PACK_<ID>_EXPIRES_DAYS} when set),
 * emits {@code purchase.completed}, completes the checkout attempt and applies the refunds and
 * disputes of its payment that arrived before it. An expired session marks its attempt expired.
 */
public final class PackPurchaseHandler {

    private final LedgerRepository ledger;
    private final PaidGrantRepository grants;
    private final CheckoutAttemptRepository attempts;
    private final EventUsers users;
    private final EarlyAdjustments early;
    private final EventOutbox events;
    private final Map<String, Long> expiryDaysByPack;
    private final Clock clock;

    /**
     * @param events           emits {@code purchase.completed} in the grant's transaction
     * @param expiryDaysByPack days after the purchase a pack's lot expires; packs not in it never expire
     */
    public PackPurchaseHandler(LedgerRepository ledger, PaidGrantRepository grants, CheckoutAttemptRepository attempts,
                               EventUsers users, EarlyAdjustments early, EventOutbox events,
                               Map<String, Long> expiryDaysByPack, Clock clock) {
        this.ledger = ledger;
        this.grants = grants;
        this.attempts = attempts;
        this.users = users;
        this.early = early;
        this.events = events;
        this.expiryDaysByPack = Map.copyOf(expiryDaysByPack);
        this.clock = clock;
    }

    /** A completed payment-mode session: granted if paid, else it waits for its delayed payment. */
    public WebhookResult completed(BillingEvent.CheckoutSessionCompleted c) {
        if (c.mode() != CheckoutMode.PAYMENT) {
            return WebhookResult.ignored();
        }
        boolean paid = c.paymentStatus() != null && c.paymentStatus().settled();
        return paid ? grant(c) : WebhookResult.ignored(); // async payment: wait (lesson 13)
    }

    /** The delayed payment of a payment-mode session cleared: granted (once, with the completion's ref). */
    public WebhookResult asyncPaymentSucceeded(BillingEvent.CheckoutSessionAsyncPaymentSucceeded a) {
        return a.mode() == CheckoutMode.PAYMENT ? grant(a) : WebhookResult.ignored();
    }

    /** An expired session (of any mode) marks its checkout attempt expired. */
    public WebhookResult expired(BillingEvent.CheckoutSessionExpired x) {
        if (x.sessionId() != null) {
            attempts.setAttemptStatusBySession(x.sessionId(), CheckoutAttempt.EXPIRED, clock.instant());
        }
        return WebhookResult.applied();
    }

    /**
     * Grant {@code metadata.credits}, ref {@code stripe_checkout_session/<id>}, once per session;
     * then apply the refunds and disputes of its payment that arrived before it.
     */
    private WebhookResult grant(BillingEvent.CheckoutSessionEvent c) {
        if (c.sessionId() == null) {
            throw new WebhookProblem("MISSING_FIELD", "checkout session has no id");
        }
        UUID userId = EventUsers.ofCheckout(c.clientReferenceId(), c.metadata());
        long credits = positiveLong(c.metadata().get("credits"), "metadata.credits");
        grants.lockPayment(Clawbacks.paymentKeys(c.paymentIntentId(), null, null));
        BillingAccount account = users.lock(userId);
        Instant now = clock.instant();
        Long days = expiryDaysByPack.get(c.metadata().getOrDefault("pack_id", ""));
        AppendResult result = ledger.append(new LedgerAppend(account.userId(), credits, LedgerReason.PURCHASE,
                LedgerRef.stripeCheckoutSession(c.sessionId()),
                "credit pack " + c.metadata().getOrDefault("pack_id", "?"), null, now,
                new LotTerms.Grant(LotCategory.PURCHASE, null, days == null ? null : now.plus(Duration.ofDays(days)))));
        attempts.setAttemptStatusBySession(c.sessionId(), CheckoutAttempt.COMPLETE, clock.instant());
        if (result instanceof AppendResult.Appended) {
            grants.insertPurchase(new PackPurchase(c.sessionId(), userId, c.metadata().get("pack_id"), credits,
                    c.amountTotal(), c.paymentIntentId(), 0, 0, clock.instant()));
            events.emit(userId, EventType.PURCHASE_COMPLETED, new EventData.PurchaseCompleted(
                    c.metadata().get("pack_id"), credits, c.sessionId(), c.paymentIntentId()));
            early.apply(PaidGrant.Kind.PACK, c.sessionId());
            return WebhookResult.applied();
        }
        if (result instanceof AppendResult.Duplicate) {
            return WebhookResult.ignored();
        }
        throw EventUsers.unknownUser(userId);
    }

    /** @throws WebhookProblem {@code INVALID_METADATA} unless {@code text} is a positive whole number */
    private static long positiveLong(String text, String field) {
        try {
            long v = Long.parseLong(text == null ? "" : text.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new WebhookProblem("INVALID_METADATA", field + " is not a positive whole number: " + text);
    }
}
