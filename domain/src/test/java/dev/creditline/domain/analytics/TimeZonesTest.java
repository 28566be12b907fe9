package dev.creditline.domain.analytics;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** analytics.md "Usage stats": timezone (IANA) or legacy timezoneOffset (JS convention). */
class TimeZonesTest {

    @Test
    void iana_zone_is_used_as_given() {
        assertThat(TimeZones.resolve("Europe/Berlin", null)).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void iana_zone_wins_over_a_legacy_offset() {
        assertThat(TimeZones.resolve("America/Los_Angeles", -480)).isEqualTo(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void legacy_offset_uses_the_javascript_sign_convention() {
        assertThat(TimeZones.resolve(null, -480)).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(TimeZones.resolve(null, 300)).isEqualTo(ZoneOffset.ofHours(-5));
        assertThat(TimeZones.resolve("", -330)).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(TimeZones.resolve(null, 0)).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void no_zone_means_utc() {
        assertThat(TimeZones.resolve(null, null)).isEqualTo(ZoneOffset.UTC);
        assertThat(TimeZones.resolve("  ", null)).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void iana_zone_follows_dst_where_a_fixed_offset_cannot() {
        ZoneId berlin = TimeZones.resolve("Europe/Berlin", null);
        ZoneId winterOffset = TimeZones.resolve(null, -60);
        Instant summer = Instant.parse("2026-07-01T12:00:00Z");
        assertThat(berlin.getRules().getOffset(summer)).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(winterOffset.getRules().getOffset(summer)).isEqualTo(ZoneOffset.ofHours(1));
    }

    @Test
    void unknown_zone_is_a_validation_error_on_timezone() {
        for (String bad : new String[] {"Mars/Olympus", "Europe/berlin!", "PST"}) {
            assertThatThrownBy(() -> TimeZones.resolve(bad, null)).as(bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("timezone"));
        }
    }

    @Test
    void out_of_range_offset_is_a_validation_error_on_timezoneOffset() {
        assertThat(TimeZones.resolve(null, -840)).isEqualTo(ZoneOffset.ofHours(14));
        assertThat(TimeZones.resolve(null, 720)).isEqualTo(ZoneOffset.ofHours(-12));
        for (int bad : new int[] {-841, 721, 100_000}) {
            assertThatThrownBy(() -> TimeZones.resolve(null, bad)).as("%d", bad)
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("timezoneOffset"));
        }
    }
}
