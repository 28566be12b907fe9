package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** analytics.md "Comparisons"; lesson 19. */
class ComparisonPeriodTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void sunday_2359_belongs_to_the_week_that_started_on_monday() {
        // 2026-03-15 is a Sunday
        Instant now = t("2026-03-15T23:59:00Z");
        ComparisonPeriod p = ComparisonPeriod.week(now, UTC);
        assertThat(p.start()).isEqualTo(t("2026-03-09T00:00:00Z"));
        assertThat(p.end()).isEqualTo(now);
        assertThat(p.previousStart()).isEqualTo(t("2026-03-02T00:00:00Z"));
        assertThat(p.previousEnd()).isEqualTo(t("2026-03-08T23:59:00Z"));
    }

    @Test
    void week_does_not_drop_saturday_or_sunday() {
        // lesson 19: the old window ended at Saturday 00:00
        ComparisonPeriod p = ComparisonPeriod.week(t("2026-03-15T23:59:59Z"), UTC);
        assertThat(p.elapsed()).isEqualTo(Duration.ofDays(7).minusSeconds(1));
        assertThat(Duration.between(p.previousStart(), p.previousEnd())).isEqualTo(p.elapsed());
    }

    @Test
    void monday_midnight_starts_a_new_week() {
        Instant monday = t("2026-03-16T00:00:00Z");
        ComparisonPeriod p = ComparisonPeriod.week(monday, UTC);
        assertThat(p.start()).isEqualTo(monday);
        assertThat(p.elapsed()).isZero();
        assertThat(p.previousStart()).isEqualTo(t("2026-03-09T00:00:00Z"));
        assertThat(p.previousEnd()).isEqualTo(p.previousStart());
    }

    @Test
    void week_starts_on_monday_in_the_requested_zone_not_the_server_zone() {
        // Sunday 20:00 UTC is already Monday 04:00 in Shanghai
        ComparisonPeriod p = ComparisonPeriod.week(t("2026-03-15T20:00:00Z"), ZoneId.of("Asia/Shanghai"));
        assertThat(p.start()).isEqualTo(t("2026-03-15T16:00:00Z"));
        assertThat(p.previousStart()).isEqualTo(t("2026-03-08T16:00:00Z"));
        assertThat(p.previousEnd()).isEqualTo(t("2026-03-08T20:00:00Z"));
    }

    @Test
    void jan_31_belongs_to_january() {
        Instant now = t("2026-01-31T23:59:59Z");
        ComparisonPeriod p = ComparisonPeriod.month(now, UTC);
        assertThat(p.start()).isEqualTo(t("2026-01-01T00:00:00Z"));
        assertThat(p.end()).isEqualTo(now);
        assertThat(p.previousStart()).isEqualTo(t("2025-12-01T00:00:00Z"));
        assertThat(p.previousEnd()).isEqualTo(t("2025-12-31T23:59:59Z"));
    }

    @Test
    void march_31_compares_with_all_of_february_clamped_at_its_end() {
        ComparisonPeriod p = ComparisonPeriod.month(t("2026-03-31T12:00:00Z"), UTC);
        assertThat(p.start()).isEqualTo(t("2026-03-01T00:00:00Z"));
        assertThat(p.previousStart()).isEqualTo(t("2026-02-01T00:00:00Z"));
        assertThat(p.previousEnd()).as("not March 3rd").isEqualTo(t("2026-03-01T00:00:00Z"));
    }

    @Test
    void mid_month_compares_with_the_same_elapsed_span_of_the_previous_month() {
        ComparisonPeriod p = ComparisonPeriod.month(t("2026-03-15T10:00:00Z"), UTC);
        assertThat(p.previousStart()).isEqualTo(t("2026-02-01T00:00:00Z"));
        assertThat(p.previousEnd()).isEqualTo(t("2026-02-15T10:00:00Z"));
    }

    @Test
    void month_starts_on_the_first_at_local_midnight_across_dst() {
        // 2026-04-15 12:00 CEST; April starts 2026-03-31T22:00Z (CEST), March started 2026-02-28T23:00Z (CET)
        ComparisonPeriod p = ComparisonPeriod.month(t("2026-04-15T10:00:00Z"), ZoneId.of("Europe/Berlin"));
        assertThat(p.start()).isEqualTo(t("2026-03-31T22:00:00Z"));
        assertThat(p.previousStart()).isEqualTo(t("2026-02-28T23:00:00Z"));
        assertThat(p.previousEnd()).isEqualTo(p.previousStart().plus(p.elapsed()));
        assertThat(p.previousEnd()).isBefore(p.start());
    }

    @Test
    void first_of_january_compares_with_december() {
        ComparisonPeriod p = ComparisonPeriod.month(t("2026-01-01T05:00:00Z"), UTC);
        assertThat(p.start()).isEqualTo(t("2026-01-01T00:00:00Z"));
        assertThat(p.previousStart()).isEqualTo(t("2025-12-01T00:00:00Z"));
        assertThat(p.previousEnd()).isEqualTo(t("2025-12-01T05:00:00Z"));
    }

    @Test
    void comparison_requires_now_and_zone() {
        assertThatThrownBy(() -> ComparisonPeriod.week(t("2026-01-01T05:00:00Z"), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("timezone"));
        assertThatThrownBy(() -> ComparisonPeriod.month(null, UTC))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("now"));
    }
}
