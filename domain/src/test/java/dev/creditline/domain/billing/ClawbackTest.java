package dev.creditline.domain.billing;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** billing.md "Webhook", charge.refunded. */
class ClawbackTest {

    @Test
    void full_refund_claws_back_all_credits() {
        assertThat(Clawback.amount(50_000, 500, 500, 80_000)).isEqualTo(50_000);
    }

    @Test
    void partial_refund_claws_back_proportionally() {
        assertThat(Clawback.amount(50_000, 250, 500, 80_000)).isEqualTo(25_000);
    }

    @Test
    void clawback_rounds_down() {
        assertThat(Clawback.amount(100, 1, 3, 1_000)).as("33.3 -> 33").isEqualTo(33);
        assertThat(Clawback.amount(100, 2, 3, 1_000)).as("66.7 -> 66").isEqualTo(66);
        assertThat(Clawback.amount(200_000, 1, 1_500, 1_000_000)).as("133.3 -> 133").isEqualTo(133);
        assertThat(Clawback.amount(1, 1, 2, 10)).as("0.5 -> 0").isZero();
    }

    @Test
    void clawback_is_capped_at_the_current_balance() {
        assertThat(Clawback.amount(50_000, 500, 500, 1_234)).isEqualTo(1_234);
        assertThat(Clawback.amount(50_000, 500, 500, 0)).isZero();
    }

    @Test
    void clawback_is_never_negative() {
        assertThat(Clawback.amount(50_000, 0, 500, 1_000)).isZero();
        assertThat(Clawback.amount(50_000, 500, 500, -5)).isZero();
    }

    @Test
    void refund_above_the_payment_claws_back_at_most_the_credits() {
        assertThat(Clawback.amount(50_000, 900, 500, 1_000_000)).isEqualTo(50_000);
    }

    @Test
    void clawback_arithmetic_is_exact_for_huge_values() {
        long big = 1_000_000_000_000_000_000L;
        // credits * refunded overflows a long; the exact result is big - 1
        assertThat(Clawback.amount(big, big - 1, big, Long.MAX_VALUE)).isEqualTo(big - 1);
        assertThat(Clawback.amount(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MAX_VALUE))
                .isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void clawback_inputs_are_validated() {
        assertThatThrownBy(() -> Clawback.amount(-1, 1, 1, 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("credits"));
        assertThatThrownBy(() -> Clawback.amount(1, -1, 1, 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("refundedAmount"));
        assertThatThrownBy(() -> Clawback.amount(1, 1, 0, 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("paidAmount"));
    }
}
