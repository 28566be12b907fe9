package dev.creditline.domain.hold;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** domain.md "Holds": ttl default 10 min, max 24 h. */
class HoldTtlTest {

    @Test
    void ttl_defaults_to_ten_minutes() {
        assertThat(HoldTtl.ofSeconds(null).duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(HoldTtl.DEFAULT.seconds()).isEqualTo(600);
    }

    @Test
    void ttl_accepts_one_second_to_twenty_four_hours() {
        assertThat(HoldTtl.ofSeconds(1L).seconds()).isEqualTo(1);
        assertThat(HoldTtl.ofSeconds(86_400L).duration()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void ttl_outside_range_is_a_validation_error_on_ttlSeconds() {
        for (long bad : new long[] {0, -1, 86_401, Long.MAX_VALUE}) {
            assertThatThrownBy(() -> HoldTtl.ofSeconds(bad)).as("%d", bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ttlSeconds"));
        }
    }
}
