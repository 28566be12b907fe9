package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.DisputeStatus;
import dev.creditline.domain.billing.InvoiceBillingReason;
import dev.creditline.domain.billing.InvoiceStatus;
import dev.creditline.domain.billing.PaymentIntentStatus;
import dev.creditline.domain.billing.SubscriptionStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every billing event says what it means as a {@link BillingEventKind}: a record of one kind
 * always has it, a record shared by several kinds carries one of its own and refuses any other,
 * and the meaning the rules read ({@code newSubscription}, {@code closed}) follows the kind.
 */
class BillingEventKindTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static BillingEvent.SubscriptionChanged subscription(BillingEventKind kind) {
        return new BillingEvent.SubscriptionChanged("evt_1", "any wire type", T, "{}", "sub_1", "cus_1", SubscriptionStatus.ACTIVE,
                "price_1", false, null, null, Map.of(), kind);
    }

    private static BillingEvent.ChargeDispute dispute(BillingEventKind kind) {
        return new BillingEvent.ChargeDispute("evt_1", "any wire type", T, "{}", "dp_1", "ch_1", "pi_1", 100L, DisputeStatus.WON,
                kind);
    }

    @Test
    void records_of_one_kind_always_have_it_whatever_the_wire_type() {
        assertThat(new BillingEvent.InvoicePaid("evt_1", "either of two wire types", T, "{}", "in_1",
                InvoiceBillingReason.SUBSCRIPTION_CYCLE, InvoiceStatus.PAID, "cus_1", "sub_1", List.of()).kind())
                .isEqualTo(BillingEventKind.INVOICE_PAID);
        assertThat(new BillingEvent.ChargeRefunded("evt_1", "x", T, "{}", "ch_1", "pi_1", 100L, 100L, List.of(),
                Map.of()).kind()).isEqualTo(BillingEventKind.CHARGE_REFUNDED);
        assertThat(new BillingEvent.Ignored("evt_1", "x", T, "{}").kind()).isEqualTo(BillingEventKind.OTHER);
    }

    @Test
    void a_subscription_event_is_new_only_when_its_kind_says_created() {
        assertThat(subscription(BillingEventKind.SUBSCRIPTION_CREATED).newSubscription()).isTrue();
        assertThat(subscription(BillingEventKind.SUBSCRIPTION_UPDATED).newSubscription()).isFalse();
        assertThatThrownBy(() -> subscription(BillingEventKind.SUBSCRIPTION_DELETED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subscription(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_dispute_is_closed_only_when_its_kind_says_closed() {
        assertThat(dispute(BillingEventKind.DISPUTE_CLOSED).closed()).isTrue();
        assertThat(dispute(BillingEventKind.DISPUTE_OPENED_OR_UPDATED).closed()).isFalse();
        assertThatThrownBy(() -> dispute(BillingEventKind.CHARGE_REFUNDED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_payment_intent_event_refuses_a_kind_that_is_not_a_payment_intents() {
        assertThatThrownBy(() -> new BillingEvent.PaymentIntentEvent("evt_1", "x", BillingEventKind.INVOICE_PAID, T,
                "{}", "pi_1", PaymentIntentStatus.SUCCEEDED, "cus_1", "pm_1", false, 100L, null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
