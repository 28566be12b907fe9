package dev.creditline.domain.allowance;

import dev.creditline.domain.billing.InvoiceBillingReason;
import dev.creditline.domain.billing.InvoiceStatus;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.plan.PlanCatalog;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which Stripe invoices grant a paid plan's monthly allowance
 * (billing.md {@code invoice.paid}; lessons 1, 2). Checkout completion
 * never grants; proration and manual invoices never grant.
 */
public final class PaidAllowance {

    /** Invoice billing reasons that grant: {@code subscription_create}, {@code subscription_cycle}. */
    public static final Set<InvoiceBillingReason> GRANTING_BILLING_REASONS = Collections.unmodifiableSet(
            EnumSet.of(InvoiceBillingReason.SUBSCRIPTION_CREATE, InvoiceBillingReason.SUBSCRIPTION_CYCLE));

    private PaidAllowance() {
    }

    /**
     * True only when the invoice status is {@link InvoiceStatus#PAID} and its billing reason is
     * {@link InvoiceBillingReason#SUBSCRIPTION_CREATE} or
     * {@link InvoiceBillingReason#SUBSCRIPTION_CYCLE} (the payment adapter maps the provider's
     * exact, case-sensitive wire values; anything else is another constant). Null values → false.
     *
     * @param billingReason why the invoice was issued, e.g. {@link InvoiceBillingReason#SUBSCRIPTION_UPDATE}
     * @param invoiceStatus its status, e.g. {@link InvoiceStatus#PAID}, {@link InvoiceStatus#OPEN}
     */
    public static boolean grants(InvoiceBillingReason billingReason, InvoiceStatus invoiceStatus) {
        return invoiceStatus == InvoiceStatus.PAID && billingReason != null
                && GRANTING_BILLING_REASONS.contains(billingReason);
    }

    /**
     * The plan whose allowance a granting invoice pays for, from the prices of its recurring
     * subscription lines only (never proration lines or one-off invoice items, whatever their
     * order). Prices that name no paid plan (e.g. a metered add-on) are skipped. Lesson 16: when
     * the recurring lines name two different paid plans, nothing is guessed.
     *
     * @param plans                     the catalog
     * @param recurringLinePriceIds     prices of the invoice's recurring subscription lines
     * @return the plan; empty when no recurring line names a paid plan
     * @throws AmbiguousPlanException when they name more than one paid plan
     */
    public static Optional<Plan> planOf(PlanCatalog plans, Collection<String> recurringLinePriceIds) {
        Set<String> ids = new LinkedHashSet<>();
        Plan found = null;
        for (String price : recurringLinePriceIds) {
            Optional<Plan> plan = plans.byStripePrice(price).filter(Plan::paid);
            if (plan.isPresent() && ids.add(plan.get().id())) {
                found = plan.get();
            }
        }
        if (ids.size() > 1) {
            throw new AmbiguousPlanException(ids);
        }
        return Optional.ofNullable(found);
    }

    /** The recurring lines of an invoice name more than one paid plan (never guessed, lesson 16). */
    public static final class AmbiguousPlanException extends RuntimeException {
        private final Set<String> planIds;

        /** @param planIds the plans named, in line order */
        public AmbiguousPlanException(Set<String> planIds) {
            super("recurring invoice lines name different plans " + planIds, null, false, false);
            this.planIds = Set.copyOf(planIds);
        }

        /** The plans the lines name. */
        public Set<String> planIds() {
            return planIds;
        }
    }
}
