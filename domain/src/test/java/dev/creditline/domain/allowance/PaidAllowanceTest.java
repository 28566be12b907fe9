package dev.creditline.domain.allowance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** domain.md "Plans and monthly allowance" (paid users); billing.md invoice.paid; lessons 1, 2. */
class PaidAllowanceTest {

    @Test
    void paid_subscription_create_and_cycle_invoices_grant() {
        assertThat(PaidAllowance.grants("subscription_create", "paid")).isTrue();
        assertThat(PaidAllowance.grants("subscription_cycle", "paid")).isTrue();
    }

    @Test
    void proration_invoice_never_grants_a_full_allowance() {
        assertThat(PaidAllowance.grants("subscription_update", "paid")).isFalse();
    }

    @Test
    void manual_and_threshold_invoices_do_not_grant() {
        assertThat(PaidAllowance.grants("manual", "paid")).isFalse();
        assertThat(PaidAllowance.grants("subscription_threshold", "paid")).isFalse();
        assertThat(PaidAllowance.grants("subscription", "paid")).isFalse();
    }

    @Test
    void unpaid_invoices_do_not_grant() {
        for (String status : new String[] {"open", "draft", "uncollectible", "void", null}) {
            assertThat(PaidAllowance.grants("subscription_create", status)).as(String.valueOf(status)).isFalse();
        }
    }

    @Test
    void missing_or_differently_cased_billing_reason_does_not_grant() {
        assertThat(PaidAllowance.grants(null, "paid")).isFalse();
        assertThat(PaidAllowance.grants("SUBSCRIPTION_CYCLE", "paid")).isFalse();
        assertThat(PaidAllowance.grants("subscription_cycle", "PAID")).isFalse();
    }
}
