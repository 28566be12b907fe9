package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** analytics.md "Usage stats": calendar days in the requested zone, DST-correct, every day present. */
class DayBucketsTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    private static DayBucket day(List<DayBucket> days, String date) {
        return days.stream().filter(d -> d.date().equals(LocalDate.parse(date))).findFirst().orElseThrow();
    }

    private static List<DayBucket> localDays(String from, String toExclusive, ZoneId zone) {
        return DayBuckets.of(LocalDate.parse(from).atStartOfDay(zone).toInstant(),
                LocalDate.parse(toExclusive).atStartOfDay(zone).toInstant(), zone);
    }

    @Test
    void day_buckets_in_los_angeles_have_23_hours_on_spring_forward() {
        List<DayBucket> days = localDays("2026-03-07", "2026-03-10", LA);
        assertThat(days).extracting(DayBucket::date).containsExactly(
                LocalDate.parse("2026-03-07"), LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-09"));
        DayBucket springForward = day(days, "2026-03-08");
        assertThat(springForward.start()).isEqualTo(t("2026-03-08T08:00:00Z"));
        assertThat(springForward.end()).isEqualTo(t("2026-03-09T07:00:00Z"));
        assertThat(springForward.duration()).isEqualTo(Duration.ofHours(23));
        assertThat(day(days, "2026-03-07").duration()).isEqualTo(Duration.ofHours(24));
        assertThat(day(days, "2026-03-09").duration()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void day_buckets_in_los_angeles_have_25_hours_on_fall_back() {
        List<DayBucket> days = localDays("2026-10-31", "2026-11-03", LA);
        DayBucket fallBack = day(days, "2026-11-01");
        assertThat(fallBack.start()).isEqualTo(t("2026-11-01T07:00:00Z"));
        assertThat(fallBack.end()).isEqualTo(t("2026-11-02T08:00:00Z"));
        assertThat(fallBack.duration()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void day_buckets_in_berlin_have_23_hours_on_spring_forward() {
        DayBucket d = day(localDays("2026-03-28", "2026-03-31", BERLIN), "2026-03-29");
        assertThat(d.start()).isEqualTo(t("2026-03-28T23:00:00Z"));
        assertThat(d.end()).isEqualTo(t("2026-03-29T22:00:00Z"));
        assertThat(d.duration()).isEqualTo(Duration.ofHours(23));
    }

    @Test
    void day_buckets_in_berlin_have_25_hours_on_fall_back() {
        DayBucket d = day(localDays("2026-10-24", "2026-10-27", BERLIN), "2026-10-25");
        assertThat(d.start()).isEqualTo(t("2026-10-24T22:00:00Z"));
        assertThat(d.end()).isEqualTo(t("2026-10-25T23:00:00Z"));
        assertThat(d.duration()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void day_buckets_in_shanghai_start_at_16_utc_and_last_24_hours_all_year() {
        List<DayBucket> days = localDays("2026-01-01", "2027-01-01", SHANGHAI);
        assertThat(days).hasSize(365).allMatch(d -> d.duration().equals(Duration.ofHours(24)));
        assertThat(days.get(0).start()).isEqualTo(t("2025-12-31T16:00:00Z"));
    }

    @Test
    void every_day_is_present_ascending_and_contiguous() {
        Instant start = t("2026-03-01T05:00:00Z");
        Instant end = t("2026-04-15T12:00:00Z");
        List<DayBucket> days = DayBuckets.of(start, end, LA);
        // 2026-02-28 21:00 PST .. 2026-04-15 05:00 PDT
        assertThat(days.get(0).date()).isEqualTo(LocalDate.parse("2026-02-28"));
        assertThat(days.get(days.size() - 1).date()).isEqualTo(LocalDate.parse("2026-04-15"));
        assertThat(days).hasSize(47);
        for (int i = 1; i < days.size(); i++) {
            assertThat(days.get(i).date()).isEqualTo(days.get(i - 1).date().plusDays(1));
            assertThat(days.get(i).start()).isEqualTo(days.get(i - 1).end());
        }
        assertThat(days.get(0).contains(start)).isTrue();
        assertThat(days.get(days.size() - 1).contains(end.minusNanos(1))).isTrue();
    }

    @Test
    void instant_near_utc_midnight_falls_on_the_local_date() {
        List<DayBucket> days = DayBuckets.of(t("2026-03-01T15:30:00Z"), t("2026-03-01T16:30:00Z"), SHANGHAI);
        assertThat(days).extracting(DayBucket::date)
                .containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"));
    }

    @Test
    void range_ending_exactly_at_local_midnight_does_not_add_the_next_day() {
        List<DayBucket> days = localDays("2026-03-01", "2026-03-03", BERLIN);
        assertThat(days).extracting(DayBucket::date)
                .containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"));
        Instant oneSecondLater = days.get(1).end().plusSeconds(1);
        assertThat(DayBuckets.of(days.get(0).start(), oneSecondLater, BERLIN)).hasSize(3);
    }

    @Test
    void utc_days_are_plain_24_hour_days() {
        List<DayBucket> days = DayBuckets.of(t("2026-03-08T00:00:00Z"), t("2026-03-09T00:00:00Z"), ZoneOffset.UTC);
        assertThat(days).containsExactly(new DayBucket(LocalDate.parse("2026-03-08"),
                t("2026-03-08T00:00:00Z"), t("2026-03-09T00:00:00Z")));
    }

    @Test
    void empty_range_has_no_days_and_reversed_range_is_rejected() {
        assertThat(DayBuckets.of(t("2026-03-08T00:00:00Z"), t("2026-03-08T00:00:00Z"), LA)).isEmpty();
        assertThatThrownBy(() -> DayBuckets.of(t("2026-03-09T00:00:00Z"), t("2026-03-08T00:00:00Z"), LA))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("endTime"));
        assertThatThrownBy(() -> DayBuckets.of(t("2026-03-08T00:00:00Z"), t("2026-03-09T00:00:00Z"), null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("timezone"));
    }
}
