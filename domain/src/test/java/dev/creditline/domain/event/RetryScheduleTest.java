package dev.creditline.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant T0 = Instant.parse("2026-03-29T00:30:00Z");

    @Test
    void the_default_schedule_is_the_one_of_events_md() {
        assertThat(RetrySchedule.defaults().delays()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
                Duration.ofDays(1), Duration.ofDays(1));
        assertThat(RetrySchedule.defaults().window()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void each_failure_waits_the_next_delay_with_jitter_of_at_most_ten_percent() {
        RetrySchedule s = RetrySchedule.defaults();
        Instant now = T0;
        for (int failed = 1; failed <= s.delays().size(); failed++) {
            Duration d = s.delays().get(failed - 1);
            Instant low = s.nextAttempt(failed, T0, now, 0.0).orElseThrow();
            Instant high = s.nextAttempt(failed, T0, now, 0.999999).orElseThrow();
            Instant mid = s.nextAttempt(failed, T0, now, 0.5).orElseThrow();
            assertThat(Duration.between(now, mid)).isEqualTo(d);
            assertThat(Duration.between(now, low)).isBetween(d.multipliedBy(9).dividedBy(10), d);
            assertThat(Duration.between(now, high)).isBetween(d, d.multipliedBy(11).dividedBy(10));
            now = mid;
        }
        // the schedule used up: failed for good
        assertThat(s.nextAttempt(s.delays().size() + 1, T0, now, 0.5)).isEmpty();
    }

    @Test
    void every_attempt_of_the_default_schedule_falls_within_three_days_and_nothing_after() {
        RetrySchedule s = RetrySchedule.defaults();
        Instant now = T0;
        int attempts = 1;
        while (true) {
            var next = s.nextAttempt(attempts, T0, now, 0.999999);
            if (next.isEmpty()) {
                break;
            }
            assertThat(next.get()).isBeforeOrEqualTo(T0.plus(Duration.ofDays(3)));
            now = next.get();
            attempts++;
        }
        assertThat(attempts).isEqualTo(9);
    }

    @Test
    void an_attempt_that_would_fall_outside_the_window_is_not_made() {
        RetrySchedule s = new RetrySchedule(List.of(Duration.ofHours(2)), Duration.ofHours(1), 0);
        assertThat(s.nextAttempt(1, T0, T0, 0.5)).isEmpty();
    }

    @Test
    void durations_are_parsed_with_units_and_bad_ones_are_named() {
        assertThat(RetrySchedule.parse("100ms, 2s,3m,4h,5d")).containsExactly(Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofMinutes(3), Duration.ofHours(4), Duration.ofDays(5));
        assertThatThrownBy(() -> RetrySchedule.parse("5s,,5m")).hasMessageContaining("''");
        assertThatThrownBy(() -> RetrySchedule.parse("5x")).hasMessageContaining("5x");
        assertThatThrownBy(() -> RetrySchedule.parse("0s")).hasMessageContaining("positive");
        assertThatThrownBy(() -> RetrySchedule.parse("-5s")).hasMessageContaining("-5s");
    }
}
