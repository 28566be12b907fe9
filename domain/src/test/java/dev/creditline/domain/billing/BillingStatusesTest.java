package dev.creditline.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The status enums the rules take: their storage names are the lower-case texts rows always held,
 * and a status the payment adapter does not know behaves as an unrecognised string did.
 */
class BillingStatusesTest {

    @Test
    void every_subscription_status_reads_back_from_its_storage_name() {
        for (SubscriptionStatus s : SubscriptionStatus.values()) {
            assertThat(SubscriptionStatus.fromStorageName(s.storageName())).isEqualTo(s);
        }
        assertThat(SubscriptionStatus.PAST_DUE.storageName()).isEqualTo("past_due");
        assertThat(SubscriptionStatus.INCOMPLETE_EXPIRED.storageName()).isEqualTo("incomplete_expired");
        assertThat(SubscriptionStatus.fromStorageName(null)).isNull();
        assertThat(SubscriptionStatus.storageNameOf(null)).isNull();
        assertThat(SubscriptionStatus.fromStorageName("something_new")).isEqualTo(SubscriptionStatus.UNKNOWN);
    }

    @Test
    void every_dispute_status_reads_back_from_its_storage_name() {
        for (DisputeStatus s : DisputeStatus.values()) {
            assertThat(DisputeStatus.fromStorageName(s.storageName())).isEqualTo(s);
        }
        assertThat(DisputeStatus.WARNING_NEEDS_RESPONSE.storageName()).isEqualTo("warning_needs_response");
        assertThat(DisputeStatus.fromStorageName(null)).isNull();
        assertThat(DisputeStatus.fromStorageName("something_new")).isEqualTo(DisputeStatus.UNKNOWN);
        assertThat(Disputes.reinstates(DisputeStatus.UNKNOWN)).isFalse();
    }

    @Test
    void an_unknown_subscription_status_is_neither_live_nor_pending_and_ranks_like_null() {
        assertThat(Subscriptions.isLive(SubscriptionStatus.UNKNOWN)).isFalse();
        assertThat(Subscriptions.isPending(SubscriptionStatus.UNKNOWN)).isFalse();
        assertThat(Subscriptions.rank(SubscriptionStatus.UNKNOWN)).isEqualTo(-1).isEqualTo(Subscriptions.rank(null));
        assertThat(Subscriptions.concernsUser(null, "sub_1", SubscriptionStatus.UNKNOWN)).isFalse();
        for (SubscriptionStatus known : EnumSet.complementOf(EnumSet.of(SubscriptionStatus.UNKNOWN))) {
            assertThat(Subscriptions.rank(known)).as(known.name()).isGreaterThanOrEqualTo(0);
            assertThat(Subscriptions.statusAfter(known, SubscriptionStatus.UNKNOWN, false)).isEqualTo(known);
            assertThat(Subscriptions.statusAfter(SubscriptionStatus.UNKNOWN, known, false)).isEqualTo(known);
        }
        assertThat(Subscriptions.statusAfter(SubscriptionStatus.ACTIVE, SubscriptionStatus.UNKNOWN, true))
                .isEqualTo(SubscriptionStatus.UNKNOWN);
    }

    @Test
    void on_a_same_second_tie_every_pair_of_statuses_converges_whatever_the_order() {
        for (SubscriptionStatus a : SubscriptionStatus.values()) {
            for (SubscriptionStatus b : SubscriptionStatus.values()) {
                SubscriptionStatus ab = Subscriptions.statusAfter(Subscriptions.statusAfter(null, a, true), b, false);
                SubscriptionStatus ba = Subscriptions.statusAfter(Subscriptions.statusAfter(null, b, true), a, false);
                assertThat(Subscriptions.rank(ab)).as(a + " then " + b).isEqualTo(Subscriptions.rank(ba));
            }
        }
    }

    @Test
    void payment_intent_statuses_store_in_lower_case() {
        assertThat(PaymentIntentStatus.REQUIRES_PAYMENT_METHOD.storageName()).isEqualTo("requires_payment_method");
        assertThat(PaymentIntentStatus.CANCELED.storageName()).isEqualTo("canceled");
    }
}
