package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** analytics.md "Hourly stats cache". */
class HourRangeTest {

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void hour_range_floors_the_start_and_ceils_the_end_to_utc_hours() {
        HourRange r = HourRange.of(t("2026-03-01T10:15:00Z"), t("2026-03-01T12:05:00Z"));
        assertThat(r.start()).isEqualTo(t("2026-03-01T10:00:00Z"));
        assertThat(r.end()).isEqualTo(t("2026-03-01T13:00:00Z"));
        assertThat(r.hourCount()).isEqualTo(3);
    }

    @Test
    void hour_range_on_exact_hours_is_unchanged_and_half_open() {
        HourRange r = HourRange.of(t("2026-03-01T10:00:00Z"), t("2026-03-01T12:00:00Z"));
        assertThat(r.hours()).containsExactly(t("2026-03-01T10:00:00Z"), t("2026-03-01T11:00:00Z"));
        assertThat(r.contains(t("2026-03-01T11:59:59Z"))).isTrue();
        assertThat(r.contains(t("2026-03-01T12:00:00Z"))).isFalse();
    }

    @Test
    void range_within_one_hour_covers_that_hour() {
        HourRange r = HourRange.of(t("2026-03-01T10:10:00Z"), t("2026-03-01T10:20:00Z"));
        assertThat(r.hours()).containsExactly(t("2026-03-01T10:00:00Z"));
    }

    @Test
    void equal_bounds_give_an_empty_range() {
        HourRange r = HourRange.of(t("2026-03-01T10:30:00Z"), t("2026-03-01T10:30:00Z"));
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.hourCount()).isZero();
        assertThat(r.hours()).isEmpty();
        assertThat(r.iterator().hasNext()).isFalse();
    }

    @Test
    void reversed_range_is_a_validation_error_on_endTime() {
        assertThatThrownBy(() -> HourRange.of(t("2026-03-01T12:00:00Z"), t("2026-03-01T11:59:59Z")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("endTime"));
        assertThatThrownBy(() -> HourRange.of(null, t("2026-03-01T11:59:59Z")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("startTime"));
    }

    @Test
    void thirty_days_are_720_hours_in_ascending_order() {
        HourRange r = HourRange.of(t("2026-03-01T00:00:00Z"), t("2026-03-31T00:00:00Z"));
        List<Instant> iterated = new ArrayList<>();
        r.forEach(iterated::add);
        assertThat(r.hourCount()).isEqualTo(720);
        assertThat(iterated).hasSize(720).isSorted().doesNotHaveDuplicates().isEqualTo(r.hours());
        assertThat(iterated.get(719)).isEqualTo(t("2026-03-30T23:00:00Z"));
    }

    @Test
    void split_separates_cacheable_past_hours_from_the_live_current_hour() {
        HourRange r = HourRange.of(t("2026-03-01T08:00:00Z"), t("2026-03-01T14:00:00Z"));
        HourRange.Split s = r.split(t("2026-03-01T11:30:00Z"));
        assertThat(s.past()).isEqualTo(new HourRange(t("2026-03-01T08:00:00Z"), t("2026-03-01T11:00:00Z")));
        assertThat(s.current()).contains(t("2026-03-01T11:00:00Z"));
        assertThat(s.future()).isEqualTo(new HourRange(t("2026-03-01T12:00:00Z"), t("2026-03-01T14:00:00Z")));
    }

    @Test
    void at_the_top_of_an_hour_that_hour_is_current_not_past() {
        HourRange r = HourRange.of(t("2026-03-01T08:00:00Z"), t("2026-03-01T14:00:00Z"));
        HourRange.Split s = r.split(t("2026-03-01T11:00:00Z"));
        assertThat(s.past().hourCount()).isEqualTo(3);
        assertThat(s.current()).contains(t("2026-03-01T11:00:00Z"));
    }

    @Test
    void range_entirely_in_the_past_is_all_cacheable() {
        HourRange r = HourRange.of(t("2026-03-01T08:00:00Z"), t("2026-03-01T14:00:00Z"));
        HourRange.Split s = r.split(t("2026-03-01T14:00:00Z"));
        assertThat(s.past()).isEqualTo(r);
        assertThat(s.current()).isEmpty();
        assertThat(s.future().isEmpty()).isTrue();
    }

    @Test
    void range_entirely_in_the_future_has_nothing_cacheable() {
        HourRange r = HourRange.of(t("2026-03-01T08:00:00Z"), t("2026-03-01T14:00:00Z"));
        HourRange.Split s = r.split(t("2026-03-01T07:59:59Z"));
        assertThat(s.past().isEmpty()).isTrue();
        assertThat(s.current()).isEmpty();
        assertThat(s.future()).isEqualTo(r);
    }

    @Test
    void floor_and_ceil_hour() {
        assertThat(HourRange.floorHour(t("2026-03-01T10:59:59.999Z"))).isEqualTo(t("2026-03-01T10:00:00Z"));
        assertThat(HourRange.ceilHour(t("2026-03-01T10:00:00.001Z"))).isEqualTo(t("2026-03-01T11:00:00Z"));
        assertThat(HourRange.ceilHour(t("2026-03-01T10:00:00Z"))).isEqualTo(t("2026-03-01T10:00:00Z"));
    }

    @Test
    void canonical_hour_range_rejects_unaligned_or_reversed_bounds() {
        assertThatThrownBy(() -> new HourRange(t("2026-03-01T10:30:00Z"), t("2026-03-01T11:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HourRange(t("2026-03-01T11:00:00Z"), t("2026-03-01T10:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
