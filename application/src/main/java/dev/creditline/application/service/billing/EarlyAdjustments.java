package dev.creditline.application.service.billing;

import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEventVerifier;
import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.application.port.out.billing.StoredDispute;
import java.util.Optional;

/**
 * Refunds and disputes may arrive before the event that grants their payment. In the
 * transaction that just recorded a grant (its user row locked), this applies the refunds kept
 * for its payment (their stored events, oldest first, through the same rules as on time) and its
 * recorded disputes, so every arrival order ends like the in-order delivery.
 */
public final class EarlyAdjustments {

    private final PaidGrantRepository grants;
    private final DisputeRepository disputes;
    private final Optional<BillingEventVerifier> verifier;
    private final RefundHandler refunds;
    private final DisputeHandler disputeHandler;

    /** @param verifier re-reads a kept refund's stored (already verified) payload */
    public EarlyAdjustments(PaidGrantRepository grants, DisputeRepository disputes,
                            Optional<BillingEventVerifier> verifier, RefundHandler refunds,
                            DisputeHandler disputeHandler) {
        this.grants = grants;
        this.disputes = disputes;
        this.verifier = verifier;
        this.refunds = refunds;
        this.disputeHandler = disputeHandler;
    }

    /**
     * Applies the early refunds and the disputes of the grant just recorded.
     *
     * @param kind a pack purchase or an invoice's allowance
     * @param key  its checkout session or invoice id
     */
    public void apply(PaidGrant.Kind kind, String key) {
        PaidGrant grant = grants.lockGrant(kind, key).orElseThrow();
        for (String payload : grants.takeEarlyRefunds(grant.paymentIntentId(), grant.chargeId(),
                kind == PaidGrant.Kind.INVOICE ? key : null)) {
            BillingEvent early = verifier.map(v -> v.parseVerified(payload)).orElse(null);
            if (early instanceof BillingEvent.ChargeRefunded r) {
                refunds.apply(grants.lockGrant(kind, key).orElseThrow(), r);
            }
        }
        for (StoredDispute dispute : disputes.lockDisputes(grant.paymentIntentId(), grant.chargeId())) {
            disputeHandler.settle(grants.lockGrant(kind, key).orElseThrow(), dispute);
        }
    }
}
