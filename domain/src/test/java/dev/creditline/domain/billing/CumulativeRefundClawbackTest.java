package dev.creditline.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

/** Clawback keyed on a charge's cumulative refunded amount (docs/billing.md "Refunds"). */
class CumulativeRefundClawbackTest {

    @Test
    void the_first_partial_refund_claws_back_its_proportion() {
        assertThat(Clawback.forCumulativeRefund(50_000, 100, 0, 500, 1_000_000)).isEqualTo(10_000);
    }

    @Test
    void a_later_refund_claws_back_only_the_delta_since_the_last_clawback() {
        assertThat(Clawback.forCumulativeRefund(50_000, 250, 100, 500, 1_000_000)).isEqualTo(15_000);
    }

    @Test
    void a_repeated_or_stale_cumulative_amount_claws_back_nothing() {
        assertThat(Clawback.forCumulativeRefund(50_000, 100, 100, 500, 1_000_000)).isZero();
        assertThat(Clawback.forCumulativeRefund(50_000, 50, 100, 500, 1_000_000)).isZero();
    }

    @Test
    void deltas_add_up_to_the_clawback_of_the_total_so_rounding_never_loses_or_adds_a_credit() {
        long credits = 1_000;
        long paid = 3;
        long sum = 0;
        long applied = 0;
        for (long refunded = 1; refunded <= paid; refunded++) {
            sum += Clawback.forCumulativeRefund(credits, refunded, applied, paid, Long.MAX_VALUE);
            applied = refunded;
        }
        assertThat(sum).isEqualTo(credits);
        assertThat(Clawback.forCumulativeRefund(credits, 1, 0, paid, Long.MAX_VALUE)).isEqualTo(333);
    }

    @Test
    void the_delta_is_capped_at_the_balance() {
        assertThat(Clawback.forCumulativeRefund(50_000, 500, 100, 500, 7_000)).isEqualTo(7_000);
        assertThat(Clawback.forCumulativeRefund(50_000, 500, 100, 500, 0)).isZero();
    }

    @Test
    void inputs_are_validated() {
        assertThatThrownBy(() -> Clawback.forCumulativeRefund(1, 1, -1, 5, 1)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Clawback.forCumulativeRefund(1, 1, 0, 0, 1)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Clawback.forCumulativeRefund(1, 0, 0, 0, 1)).isInstanceOf(ValidationException.class);
    }
}
