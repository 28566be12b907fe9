package dev.creditline.application.service.billing;

import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.domain.billing.Clawback;
import dev.creditline.domain.ledger.LedgerRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A refunded charge claws back the refunded share of its paid grant, a pack purchase or a
 * subscription invoice's allowance: {@code credits × refunded / paid}, rounded down, each refund
 * once (docs/billing.md "Refunds and disputes"). With the charge's complete refund list, one
 * clawback per refund id (ref {@code stripe_refund/<re>}); without it, one per new cumulative
 * {@code amount_refunded} (ref {@code stripe_refund/<ch>:<cents>}). A refund whose payment has no
 * grant yet is kept and applied when the grant is made ({@link EarlyAdjustments}).
 */
public final class RefundHandler {

    private final PaidGrantRepository grants;
    private final EventUsers users;
    private final Clawbacks clawbacks;

    public RefundHandler(PaidGrantRepository grants, EventUsers users, Clawbacks clawbacks) {
        this.grants = grants;
        this.users = users;
        this.clawbacks = clawbacks;
    }

    /** A refunded charge, under its payment's locks. */
    public WebhookResult chargeRefunded(BillingEvent.ChargeRefunded r) {
        if (r.paymentIntentId() == null && r.chargeId() == null && r.invoiceId() == null) {
            return WebhookResult.ignored();
        }
        grants.lockPayment(Clawbacks.paymentKeys(r.paymentIntentId(), r.chargeId(), r.invoiceId()));
        Optional<PaidGrant> found = grants.findGrant(r.paymentIntentId(), r.chargeId(), r.invoiceId());
        if (found.isEmpty()) {
            // Not granted (yet): a refund may arrive before its purchase. Kept until the grant.
            grants.recordEarlyRefund(r.eventId(), r.paymentIntentId(), r.chargeId(), r.invoiceId(), r.created());
            return WebhookResult.applied();
        }
        UUID userId = found.get().userId();
        users.lock(userId);
        PaidGrant grant = grants.lockGrant(found.get().kind(), found.get().key()).orElseThrow();
        return WebhookResult.appliedIf(apply(grant, r));
    }

    /**
     * The refund rules of one event against one grant (user row and grant row locked).
     *
     * @return whether any credits were clawed back
     * @throws WebhookProblem {@code MISSING_FIELD} when neither the charge nor the grant knows the amount paid
     */
    public boolean apply(PaidGrant grant, BillingEvent.ChargeRefunded r) {
        long paid = r.amount() != null && r.amount() > 0 ? r.amount()
                : grant.amountPaid() != null && grant.amountPaid() > 0 ? grant.amountPaid() : 0;
        if (paid <= 0) {
            throw new WebhookProblem("MISSING_FIELD", "charge " + r.chargeId() + " has no amount");
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
                if (clawbacks.clawBack(grant, due, refund.amount(), LedgerRef.stripeRefund(refund.id()),
                        r.chargeId())) {
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
        return clawbacks.clawBack(grant, due, nowRefunded - applied,
                LedgerRef.stripeRefund(r.chargeId() + ":" + nowRefunded), r.chargeId());
    }
}
