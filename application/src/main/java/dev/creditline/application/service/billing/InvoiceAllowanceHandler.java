package dev.creditline.application.service.billing;

import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.domain.allowance.PaidAllowance;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.AllowanceExpiry;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A paid plan's monthly allowance comes from a paid subscription invoice only, and only from one
 * that creates or renews the subscription (lessons 1, 2: never the checkout, never a proration,
 * manual or unpaid invoice; {@link PaidAllowance#grants}). The plan is the one of the invoice's
 * recurring subscription lines (two plans → {@code AMBIGUOUS_PLAN}, none → {@code UNKNOWN_PRICE});
 * the invoice never changes the plan. One grant per invoice (ref {@code stripe_invoice/<in>}), as
 * an allowance lot expiring as {@code PLAN_<ID>_ALLOWANCE_EXPIRY} says; the grant is recorded so a
 * refund or dispute of its payment claws back in proportion, and those that arrived first apply now.
 */
public final class InvoiceAllowanceHandler {

    private final LedgerRepository ledger;
    private final PaidGrantRepository grants;
    private final EventUsers users;
    private final EarlyAdjustments early;
    private final PlanCatalog plans;
    private final Map<String, AllowanceExpiry> expiryByPlan;
    private final Clock clock;

    /** @param expiryByPlan how each paid plan's allowance lots expire; plans not in it never expire */
    public InvoiceAllowanceHandler(LedgerRepository ledger, PaidGrantRepository grants, EventUsers users,
                                   EarlyAdjustments early, PlanCatalog plans, Map<String, AllowanceExpiry> expiryByPlan,
                                   Clock clock) {
        this.ledger = ledger;
        this.grants = grants;
        this.users = users;
        this.early = early;
        this.plans = plans;
        this.expiryByPlan = Map.copyOf(expiryByPlan);
        this.clock = clock;
    }

    /**
     * A paid invoice: the plan's monthly allowance, once.
     *
     * @throws WebhookProblem {@code MISSING_FIELD}, {@code UNKNOWN_CUSTOMER}, {@code UNKNOWN_PRICE},
     *                        {@code AMBIGUOUS_PLAN} or {@code UNKNOWN_USER}
     */
    public WebhookResult invoicePaid(BillingEvent.InvoicePaid i) {
        if (!PaidAllowance.grants(i.billingReason(), i.status())) {
            return WebhookResult.ignored(); // proration, manual, threshold... or not paid
        }
        if (i.invoiceId() == null) {
            throw new WebhookProblem("MISSING_FIELD", "invoice has no id");
        }
        UUID userId = users.byCustomer(i.customerId());
        Plan plan;
        try {
            plan = PaidAllowance.planOf(plans, i.recurringLinePriceIds()).orElseThrow(() -> new WebhookProblem(
                    "UNKNOWN_PRICE", "invoice " + i.invoiceId() + " recurring line prices "
                    + i.recurringLinePriceIds() + " match no paid plan (all line prices: " + i.linePriceIds() + ")"));
        } catch (PaidAllowance.AmbiguousPlanException e) {
            throw new WebhookProblem("AMBIGUOUS_PLAN", "invoice " + i.invoiceId()
                    + " recurring lines name different plans " + e.planIds() + "; nothing granted");
        }
        grants.lockPayment(Clawbacks.paymentKeys(i.paymentIntentId(), i.chargeId(), i.invoiceId()));
        users.lock(userId);
        if (plan.monthlyCredits() == 0) {
            return WebhookResult.ignored();
        }
        AllowanceExpiry expiry = expiryByPlan.getOrDefault(plan.id(), AllowanceExpiry.NEVER);
        // A late event of a period already over makes a lot that expires at the next touch (with its rollover).
        Instant expiresAt = expiry.expiresAt(i.periodEnd());
        AppendResult result = ledger.append(new LedgerAppend(userId, plan.monthlyCredits(),
                LedgerReason.MONTHLY_ALLOWANCE, LedgerRef.stripeInvoice(i.invoiceId()),
                "plan " + plan.id() + " " + i.billingReason(), null, clock.instant(),
                new LotTerms.Grant(LotCategory.ALLOWANCE, null, expiresAt,
                        expiresAt == null ? null : expiry.rollover(i.periodStart(), expiresAt))));
        if (!(result instanceof AppendResult.Appended)) {
            return WebhookResult.ignored();
        }
        grants.insertInvoiceGrant(new PaidGrant(PaidGrant.Kind.INVOICE, i.invoiceId(), userId, plan.monthlyCredits(),
                i.amountPaid(), i.paymentIntentId(), i.chargeId(), 0, 0, 0), clock.instant());
        early.apply(PaidGrant.Kind.INVOICE, i.invoiceId());
        return WebhookResult.applied();
    }
}
