package dev.creditline.domain.allowance;

import java.util.Set;

/**
 * Which Stripe invoices grant a paid plan's monthly allowance (domain.md "Plans and
 * monthly allowance"; billing.md {@code invoice.paid}; lessons 1, 2). Checkout completion
 * never grants; proration and manual invoices never grant.
 */
public final class PaidAllowance {

    /** Invoice billing reasons that grant: {@code subscription_create}, {@code subscription_cycle}. */
    public static final Set<String> GRANTING_BILLING_REASONS = Set.of("subscription_create", "subscription_cycle");

    private PaidAllowance() {
    }

    /**
     * True only when the invoice status is {@code paid} and its billing reason is
     * {@code subscription_create} or {@code subscription_cycle} (exact Stripe values,
     * case-sensitive). Null values → false.
     *
     * @param billingReason Stripe {@code invoice.billing_reason}, e.g. {@code "subscription_update"}
     * @param invoiceStatus Stripe {@code invoice.status}, e.g. {@code "paid"}, {@code "open"}
     */
    public static boolean grants(String billingReason, String invoiceStatus) {
        return "paid".equals(invoiceStatus) && billingReason != null && GRANTING_BILLING_REASONS.contains(billingReason);
    }
}
