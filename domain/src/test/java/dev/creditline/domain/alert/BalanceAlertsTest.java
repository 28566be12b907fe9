package dev.creditline.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of events.md "Balance thresholds" for one balance change. */
class BalanceAlertsTest {

    private static final long[] T = {1000, 500};

    @Test
    void nothing_crossed_is_null() {
        assertThat(BalanceAlerts.evaluate(2000, 1500, T, null, false, null)).isNull();
        assertThat(BalanceAlerts.evaluate(400, 300, T, null, false, null)).isNull();
        assertThat(BalanceAlerts.evaluate(300, 400, T, null, false, null)).isNull();
    }

    @Test
    void a_downward_crossing_fires_low_once_and_marks_the_threshold() {
        BalanceAlerts.Outcome o = BalanceAlerts.evaluate(1000, 999, T, null, false, null);
        assertThat(o.low()).containsExactly(1000L);
        assertThat(o.fired()).containsExactly(1000);
        // The same threshold marked fired does not fire again on a later crossing without recovery.
        assertThat(BalanceAlerts.evaluate(1000, 999, T, new long[] {1000}, false, null)).isNull();
    }

    @Test
    void one_change_can_cross_several_thresholds() {
        BalanceAlerts.Outcome o = BalanceAlerts.evaluate(1200, 100, T, null, false, null);
        assertThat(o.low()).containsExactly(500L, 1000L);
        assertThat(o.fired()).containsExactly(500, 1000);
    }

    @Test
    void recovery_only_for_fired_thresholds_and_once() {
        BalanceAlerts.Outcome o = BalanceAlerts.evaluate(400, 1000, T, new long[] {500}, false, null);
        assertThat(o.recovered()).containsExactly(500L);
        assertThat(o.low()).isEmpty();
        assertThat(o.fired()).isEmpty();
    }

    @Test
    void depleted_once_until_the_balance_rises() {
        BalanceAlerts.Outcome o = BalanceAlerts.evaluate(10, 0, new long[0], null, false, null);
        assertThat(o.depleted()).isTrue();
        assertThat(o.depletedMark()).isTrue();
        assertThat(BalanceAlerts.evaluate(0, 0, new long[0], null, true, null)).isNull();
        BalanceAlerts.Outcome rose = BalanceAlerts.evaluate(0, 5, new long[0], null, true, null);
        assertThat(rose.depleted()).isFalse();
        assertThat(rose.depletedMark()).isFalse();
        assertThat(rose.marksChanged()).isTrue();
    }

    @Test
    void top_up_on_a_downward_crossing_of_its_threshold_only() {
        assertThat(BalanceAlerts.evaluate(1000, 999, new long[0], null, false, 1000L).topUp()).isTrue();
        assertThat(BalanceAlerts.evaluate(999, 900, new long[0], null, false, 1000L)).isNull();
        assertThat(BalanceAlerts.evaluate(1000, 999, new long[0], null, false, null)).isNull();
    }

    @Test
    void every_sequence_of_changes_fires_low_and_recovered_alternately_per_threshold() {
        long[] balances = {1500, 999, 998, 1000, 1000, 200, 0, 3000, 499, 501, 1, 1001};
        long[] fired = null;
        boolean depleted = false;
        StringBuilder log = new StringBuilder();
        for (int i = 1; i < balances.length; i++) {
            BalanceAlerts.Outcome o = BalanceAlerts.evaluate(balances[i - 1], balances[i], T, fired, depleted, null);
            if (o != null) {
                o.low().forEach(t -> log.append("low").append(t).append(' '));
                o.recovered().forEach(t -> log.append("rec").append(t).append(' '));
                if (o.depleted()) {
                    log.append("depleted ");
                }
                fired = o.fired();
                depleted = o.depletedMark();
            }
        }
        assertThat(log.toString().trim()).isEqualTo(
                "low1000 rec1000 low500 low1000 depleted rec500 rec1000 low500 low1000 rec500 low500 rec500 rec1000");
    }

    @Test
    void validation_names_the_field() {
        assertThat(BalanceAlerts.validate(List.of(5L, 1L, 5L))).containsExactly(1, 5);
        assertThatThrownBy(() -> BalanceAlerts.validate(Arrays.asList(1L, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("thresholds[1]"));
        assertThatThrownBy(() -> BalanceAlerts.validate(List.of(0L)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("thresholds[0]"));
        assertThatThrownBy(() -> BalanceAlerts.validate(null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("thresholds"));
        assertThat(BalanceAlerts.parse("5000, 1000")).containsExactly(1000, 5000);
        assertThatThrownBy(() -> BalanceAlerts.parse("x"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("LOW_BALANCE_THRESHOLDS"));
    }
}
