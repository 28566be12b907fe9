package dev.creditline.application.service.billing;

import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.application.port.out.billing.StoredDispute;
import dev.creditline.domain.billing.Clawback;
import dev.creditline.domain.billing.DisputeStatus;
import dev.creditline.domain.billing.Disputes;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import java.time.Clock;
import java.util.Optional;

/**
 * A dispute of a paid grant's payment claws back like a full refund of the disputed amount (ref
 * {@code stripe_dispute/<dp>}, at most what refunds left of the grant); a dispute closed as won
 * (or an inquiry closed without a loss, {@link Disputes#reinstates}) gives back what it took,
 * once (ref {@code stripe_dispute_reinstated/<dp>}). The dispute's state is recorded first (a
 * closed one is final), so a dispute of a payment not granted yet is applied with the grant
 * ({@link EarlyAdjustments}) and every order of events ends alike (docs/billing.md "Refunds and
 * disputes").
 */
public final class DisputeHandler {

    private final PaidGrantRepository grants;
    private final DisputeRepository disputes;
    private final BillingAccountRepository accounts;
    private final LedgerRepository ledger;
    private final Clawbacks clawbacks;
    private final Clock clock;

    public DisputeHandler(PaidGrantRepository grants, DisputeRepository disputes, BillingAccountRepository accounts,
                          LedgerRepository ledger, Clawbacks clawbacks, Clock clock) {
        this.grants = grants;
        this.disputes = disputes;
        this.accounts = accounts;
        this.ledger = ledger;
        this.clawbacks = clawbacks;
        this.clock = clock;
    }

    /**
     * Records the dispute and, if its payment was granted, settles it.
     *
     * @throws WebhookProblem {@code MISSING_FIELD} without a dispute id, a charge or payment intent, or an amount
     */
    public WebhookResult chargeDispute(BillingEvent.ChargeDispute d) {
        if (d.disputeId() == null || (d.paymentIntentId() == null && d.chargeId() == null)) {
            throw new WebhookProblem("MISSING_FIELD", "dispute " + d.disputeId()
                    + " has no id, charge or payment intent");
        }
        if (d.amount() == null || d.amount() < 0) {
            throw new WebhookProblem("MISSING_FIELD", "dispute " + d.disputeId() + " has no amount");
        }
        grants.lockPayment(Clawbacks.paymentKeys(d.paymentIntentId(), d.chargeId(), null));
        Optional<PaidGrant> found = grants.findGrant(d.paymentIntentId(), d.chargeId(), null);
        found.ifPresent(g -> accounts.lockAccount(g.userId()));
        StoredDispute dispute = disputes.recordDispute(d.disputeId(), d.paymentIntentId(), d.chargeId(), d.amount(),
                d.status() == null ? DisputeStatus.UNKNOWN : d.status(), d.closed(), clock.instant());
        if (found.isEmpty()) {
            return WebhookResult.applied(); // kept until its payment is granted
        }
        PaidGrant grant = grants.lockGrant(found.get().kind(), found.get().key()).orElseThrow();
        return WebhookResult.appliedIf(settle(grant, dispute));
    }

    /**
     * Applies what the dispute's recorded state still owes the ledger (each effect once); user row
     * and grant row locked.
     *
     * @return whether anything changed
     */
    public boolean settle(PaidGrant grant, StoredDispute dispute) {
        boolean changed = false;
        long clawed = dispute.creditsClawedBack();
        if (dispute.clawedAt() == null) {
            long paid = grant.amountPaid() != null && grant.amountPaid() > 0 ? grant.amountPaid()
                    : Math.max(1, dispute.amount());
            long open = Math.max(0, grant.credits() - grant.creditsClawedBack() - grant.creditsForgiven());
            long due = Math.min(open, Clawback.amount(grant.credits(), dispute.amount(), paid, Long.MAX_VALUE));
            Clawback.Settlement settlement = clawbacks.settle(grant, due, LedgerRef.stripeDispute(dispute.disputeId()));
            if (settlement == null) {
                return false;
            }
            clawed = settlement.debit() + settlement.debt();
            disputes.disputeClawed(dispute.disputeId(), clawed, settlement.forgiven(), clock.instant());
            changed = true;
        }
        if (dispute.closed() && Disputes.reinstates(dispute.status()) && dispute.reinstatedAt() == null) {
            if (clawed > 0) {
                ledger.append(LedgerAppend.of(grant.userId(), clawed, LedgerReason.REFUND_CLAWBACK,
                        LedgerRef.stripeDisputeReinstated(dispute.disputeId()), clock.instant()));
            }
            disputes.disputeReinstated(dispute.disputeId(), clock.instant());
            changed = true;
        }
        return changed;
    }
}
