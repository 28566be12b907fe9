package dev.creditline.domain.allowance;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** domain.md "Plans and monthly allowance" (free users); lessons 3, 18. */
class FreeAllowanceTest {

    private static final UUID USER = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final Instant ANCHOR = Instant.parse("2026-01-31T10:15:30Z");

    @Test
    void nothing_is_due_before_thirty_days() {
        assertThat(FreeAllowance.due(USER, ANCHOR, ANCHOR, 10_000)).isEmpty();
        assertThat(FreeAllowance.due(USER, ANCHOR, ANCHOR.plus(Duration.ofDays(29).plusHours(23)), 10_000)).isEmpty();
        assertThat(FreeAllowance.due(USER, ANCHOR, ANCHOR.plus(Duration.ofDays(30)).minusNanos(1), 10_000)).isEmpty();
    }

    @Test
    void allowance_is_due_exactly_at_thirty_days() {
        Instant now = ANCHOR.plus(Duration.ofDays(30));
        AllowanceGrant g = FreeAllowance.due(USER, ANCHOR, now, 10_000).orElseThrow();
        assertThat(g.credits()).isEqualTo(10_000);
        assertThat(g.periodStart()).isEqualTo(now);
    }

    @Test
    void period_start_is_anchor_plus_whole_periods_not_the_check_time() {
        Instant now = ANCHOR.plus(Duration.ofDays(41).plusHours(5));
        assertThat(FreeAllowance.due(USER, ANCHOR, now, 10_000).orElseThrow().periodStart())
                .isEqualTo(ANCHOR.plus(Duration.ofDays(30)));
    }

    @Test
    void free_allowance_skips_missed_periods_without_backfill() {
        // 75 days: periods 1 (day 30) and 2 (day 60) have started; only period 2 is granted, once
        Instant day75 = ANCHOR.plus(Duration.ofDays(75));
        AllowanceGrant g = FreeAllowance.due(USER, ANCHOR, day75, 10_000).orElseThrow();
        assertThat(g.periodStart()).isEqualTo(ANCHOR.plus(Duration.ofDays(60)));
        assertThat(g.credits()).as("one period's credits, not two").isEqualTo(10_000);
        // the anchor moves to the granted period start: a second check in the same period grants nothing
        assertThat(FreeAllowance.due(USER, g.periodStart(), day75, 10_000)).isEmpty();
        // next period starts 30 days after the new anchor
        assertThat(FreeAllowance.due(USER, g.periodStart(), ANCHOR.plus(Duration.ofDays(90)), 10_000))
                .map(AllowanceGrant::periodStart).contains(ANCHOR.plus(Duration.ofDays(90)));
    }

    @Test
    void periods_are_thirty_days_regardless_of_calendar_months() {
        // lesson 18: anchored on an instant, not on YYYY_M keys; Jan 31 + 30 d = Mar 2 (2026 is not a leap year)
        AllowanceGrant g = FreeAllowance.due(USER, ANCHOR, Instant.parse("2026-03-15T00:00:00Z"), 10_000).orElseThrow();
        assertThat(g.periodStart()).isEqualTo(Instant.parse("2026-03-02T10:15:30Z"));
    }

    @Test
    void ref_id_is_deterministic_per_user_and_period() {
        Instant now = ANCHOR.plus(Duration.ofDays(31));
        AllowanceGrant a = FreeAllowance.due(USER, ANCHOR, now, 10_000).orElseThrow();
        AllowanceGrant b = FreeAllowance.due(USER, ANCHOR, now.plus(Duration.ofDays(2)), 10_000).orElseThrow();
        long epoch = ANCHOR.plus(Duration.ofDays(30)).getEpochSecond();
        assertThat(a.refId()).isEqualTo("free:" + USER + ":" + epoch).isEqualTo(b.refId());
        assertThat(AllowanceGrant.REF_TYPE).isEqualTo("monthly_allowance");
    }

    @Test
    void nothing_is_due_when_the_clock_is_before_the_anchor() {
        assertThat(FreeAllowance.due(USER, ANCHOR, ANCHOR.minus(Duration.ofDays(40)), 10_000)).isEmpty();
    }

    @Test
    void zero_monthly_credits_grant_nothing_and_negative_is_rejected() {
        assertThat(FreeAllowance.due(USER, ANCHOR, ANCHOR.plus(Duration.ofDays(31)), 0)).isEmpty();
        assertThatThrownBy(() -> FreeAllowance.due(USER, ANCHOR, ANCHOR, -1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("monthlyCredits"));
    }

    @Test
    void the_due_anchor_cutoff_says_due_exactly_when_due_does() {
        java.util.Random random = new java.util.Random(42);
        Instant now = Instant.parse("2026-11-30T19:40:00.123456Z");
        Instant cutoff = FreeAllowance.dueAnchorCutoff(now);
        assertThat(cutoff).isEqualTo(now.minus(Duration.ofDays(30)));
        for (int i = 0; i < 10_000; i++) {
            // anchors within ±2 periods of the cutoff, down to the microsecond, and the cutoff's neighbours
            long micros = i < 3 ? i - 1 : random.nextLong() % (2 * 30L * 86_400_000_000L);
            Instant anchor = cutoff.plus(micros, java.time.temporal.ChronoUnit.MICROS);
            assertThat(FreeAllowance.due(USER, anchor, now, 10_000).isPresent())
                    .as("anchor %s, now %s", anchor, now).isEqualTo(!anchor.isAfter(cutoff));
        }
    }
}
