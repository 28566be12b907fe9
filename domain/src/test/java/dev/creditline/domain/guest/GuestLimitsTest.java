package dev.creditline.domain.guest;

import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** domain.md "Guests". */
class GuestLimitsTest {

    @Test
    void guest_gets_one_upload_and_three_chat_messages_per_24_hours_by_default() {
        GuestLimits d = GuestLimits.defaults();
        assertThat(d.limitFor(GuestAction.UPLOAD)).isEqualTo(1);
        assertThat(d.limitFor(GuestAction.CHAT)).isEqualTo(3);
        assertThat(d.window()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void limits_are_configurable() {
        GuestLimits l = new GuestLimits(2, 10, Duration.ofHours(1));
        assertThat(l.limitFor(GuestAction.UPLOAD)).isEqualTo(2);
        assertThat(l.limitFor(GuestAction.CHAT)).isEqualTo(10);
    }

    @Test
    void remaining_counts_down_to_zero_and_never_below() {
        GuestLimits d = GuestLimits.defaults();
        assertThat(d.remaining(GuestAction.CHAT, 0)).isEqualTo(3);
        assertThat(d.remaining(GuestAction.CHAT, 2)).isEqualTo(1);
        assertThat(d.remaining(GuestAction.CHAT, 3)).isZero();
        assertThat(d.remaining(GuestAction.UPLOAD, 7)).isZero();
    }

    @Test
    void guest_limits_are_validated() {
        assertThatThrownBy(() -> new GuestLimits(-1, 3, Duration.ofHours(24)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("guest.uploads"));
        assertThatThrownBy(() -> new GuestLimits(1, -3, Duration.ofHours(24)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("guest.chatMessages"));
        assertThatThrownBy(() -> new GuestLimits(1, 3, Duration.ZERO))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("guest.window"));
    }

    @Test
    void guest_actions_parse_from_wire_names() {
        assertThat(GuestAction.fromWire("upload")).isEqualTo(GuestAction.UPLOAD);
        assertThat(GuestAction.fromWire("chat")).isEqualTo(GuestAction.CHAT);
        assertThatThrownBy(() -> GuestAction.fromWire("download"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("action"));
        assertThatThrownBy(() -> GuestAction.fromWire(null)).isInstanceOf(ValidationException.class);
    }

    @Test
    void a_use_counts_until_exactly_24_hours_after_it_and_no_longer() {
        GuestLimits l = GuestLimits.defaults();
        java.time.Instant use = java.time.Instant.parse("2026-03-01T10:00:00Z");
        assertThat(l.counts(use, use)).isTrue();
        assertThat(l.counts(use, use.plusSeconds(86_399))).isTrue();
        assertThat(l.counts(use, use.plusSeconds(86_400).minusNanos(1000))).isTrue();
        assertThat(l.counts(use, use.plusSeconds(86_400))).isFalse();
    }
}
