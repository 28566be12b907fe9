package dev.creditline.domain.allowance;

import dev.creditline.domain.billing.InvoiceBillingReason;
import dev.creditline.domain.billing.InvoiceStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** domain.md "Plans and monthly allowance" (paid users); billing.md invoice.paid; lessons 1, 2. */
class PaidAllowanceTest {

    @Test
    void paid_subscription_create_and_cycle_invoices_grant() {
        assertThat(PaidAllowance.grants(InvoiceBillingReason.SUBSCRIPTION_CREATE, InvoiceStatus.PAID)).isTrue();
        assertThat(PaidAllowance.grants(InvoiceBillingReason.SUBSCRIPTION_CYCLE, InvoiceStatus.PAID)).isTrue();
    }

    @Test
    void proration_invoice_never_grants_a_full_allowance() {
        assertThat(PaidAllowance.grants(InvoiceBillingReason.SUBSCRIPTION_UPDATE, InvoiceStatus.PAID)).isFalse();
    }

    @Test
    void manual_and_threshold_invoices_do_not_grant() {
        assertThat(PaidAllowance.grants(InvoiceBillingReason.MANUAL, InvoiceStatus.PAID)).isFalse();
        assertThat(PaidAllowance.grants(InvoiceBillingReason.SUBSCRIPTION_THRESHOLD, InvoiceStatus.PAID)).isFalse();
        assertThat(PaidAllowance.grants(InvoiceBillingReason.SUBSCRIPTION, InvoiceStatus.PAID)).isFalse();
    }

    @Test
    void unpaid_invoices_do_not_grant() {
        for (InvoiceStatus status : new InvoiceStatus[] {InvoiceStatus.OPEN, InvoiceStatus.DRAFT,
                InvoiceStatus.UNCOLLECTIBLE, InvoiceStatus.VOID, InvoiceStatus.UNKNOWN, null}) {
            assertThat(PaidAllowance.grants(InvoiceBillingReason.SUBSCRIPTION_CREATE, status)).as(String.valueOf(status)).isFalse();
        }
    }

    @Test
    void missing_or_differently_cased_billing_reason_does_not_grant() {
        assertThat(PaidAllowance.grants(null, InvoiceStatus.PAID)).isFalse();
        // differently cased wire values ("SUBSCRIPTION_CYCLE", "PAID") map to OTHER and UNKNOWN in the adapter
        assertThat(PaidAllowance.grants(InvoiceBillingReason.OTHER, InvoiceStatus.PAID)).isFalse();
        assertThat(PaidAllowance.grants(InvoiceBillingReason.SUBSCRIPTION_CYCLE, InvoiceStatus.UNKNOWN)).isFalse();
    }
}
