package dev.creditline.application.service.billing;

import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotRepository;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.application.port.out.events.EventData;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.domain.billing.Clawback;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Takes back credits of a paid grant (a pack purchase or an invoice's allowance) when its payment
 * is refunded or disputed (docs/billing.md "Refunds and disputes"). The debit takes from the
 * grant's own lot first, then in burn order (docs/lots.md); what the balance does not cover
 * becomes the user's debt ({@code REFUND_SHORTFALL=debt}) or is forgiven ({@link Clawback#settle}).
 * Each clawback is idempotent by its ledger ref and runs under the user's and the grant's row locks.
 */
public final class Clawbacks {

    private final LedgerRepository ledger;
    private final PaidGrantRepository grants;
    private final EventUsers users;
    private final EventOutbox events;
    private final LotRepository debts;
    private final Clock clock;

    /**
     * @param events emits {@code refund.clawed_back} in the clawback's transaction
     * @param debts  where a shortfall becomes debt; null: the shortfall is forgiven
     */
    public Clawbacks(LedgerRepository ledger, PaidGrantRepository grants, EventUsers users, EventOutbox events,
                     LotRepository debts, Clock clock) {
        this.ledger = ledger;
        this.grants = grants;
        this.users = users;
        this.events = events;
        this.debts = debts;
        this.clock = clock;
    }

    /**
     * The advisory-lock keys of a payment: {@code pi:}, {@code ch:}, {@code in:} (nulls skipped by
     * the port). Every event about one payment takes them first, so a grant and its refunds and
     * disputes apply one at a time whatever their order.
     */
    public static List<String> paymentKeys(String paymentIntentId, String chargeId, String invoiceId) {
        return Arrays.asList(paymentIntentId == null ? null : "pi:" + paymentIntentId,
                chargeId == null ? null : "ch:" + chargeId, invoiceId == null ? null : "in:" + invoiceId);
    }

    /**
     * Debits what the balance covers of {@code due} credits, records the refunded cents and the
     * clawed-back and forgiven credits on the grant and emits {@code refund.clawed_back}.
     *
     * @param refundedCents the refund's cents this clawback covers
     * @param chargeId      the refunded charge, for the event (else the grant's)
     * @return false when {@code ref} was applied before (nothing changed)
     */
    public boolean clawBack(PaidGrant grant, long due, long refundedCents, LedgerRef ref, String chargeId) {
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
     * Settles a clawback of {@code due} credits of {@code grant}: the debit (own lot first), then
     * the debt or the forgiven rest. Credits taken as debt count as clawed back on the grant and
     * the dispute (a won dispute gives them back, which repays the debt first).
     *
     * @return the settlement, or null when {@code ref} was applied before (nothing changed)
     */
    public Clawback.Settlement settle(PaidGrant grant, long due, LedgerRef ref) {
        Clawback.Settlement settlement = Clawback.settle(due, users.balanceOf(grant.userId()),
                debts != null ? Clawback.Shortfall.DEBT : Clawback.Shortfall.FORGIVE);
        if (settlement.debit() > 0) {
            AppendResult result = ledger.append(LedgerAppend.of(grant.userId(), -settlement.debit(),
                    LedgerReason.REFUND_CLAWBACK, ref, clock.instant()).withLots(new LotTerms.Burn(lotRefOf(grant))));
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
}
