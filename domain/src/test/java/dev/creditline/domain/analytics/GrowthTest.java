package dev.creditline.domain.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** analytics.md "Usage stats": growth = (c − p) / p; p = 0 → 1 if c > 0 else 0. */
class GrowthTest {

    @Test
    void growth_is_the_relative_change() {
        assertThat(Growth.ratio(120, 100)).isCloseTo(0.2, within(1e-12));
        assertThat(Growth.ratio(50, 100)).isCloseTo(-0.5, within(1e-12));
        assertThat(Growth.ratio(0, 100)).isEqualTo(-1.0);
        assertThat(Growth.ratio(100, 100)).isZero();
    }

    @Test
    void growth_from_zero_to_something_is_one() {
        assertThat(Growth.ratio(100, 0)).isEqualTo(1.0);
        assertThat(Growth.ratio(1, 0)).isEqualTo(1.0);
    }

    @Test
    void growth_from_zero_to_zero_is_zero() {
        assertThat(Growth.ratio(0, 0)).isEqualTo(0.0);
    }
}
