package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.persistence.testing.DatabaseTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guest configuration rules (docs/guests-and-admin.md "Configuration"). */
@DatabaseTest
class GuestWiringTest {

    @Test
    void the_cookie_is_secure_when_cookie_secure_is_true_or_the_front_end_is_https() {
        assertThat(Settings.GuestSettings.secureCookie(Map.of())).isFalse();
        assertThat(Settings.GuestSettings.secureCookie(Map.of("COOKIE_SECURE", "true"))).isTrue();
        assertThat(Settings.GuestSettings.secureCookie(Map.of("COOKIE_SECURE", "TRUE"))).isTrue();
        assertThat(Settings.GuestSettings.secureCookie(Map.of("COOKIE_SECURE", "false"))).isFalse();
        assertThat(Settings.GuestSettings.secureCookie(Map.of("FRONTEND_URL", "https://app.example.com"))).isTrue();
        assertThat(Settings.GuestSettings.secureCookie(Map.of("FRONTEND_URL", "http://localhost:3000"))).isFalse();
        assertThatThrownBy(() -> Settings.GuestSettings.secureCookie(Map.of("COOKIE_SECURE", "yes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COOKIE_SECURE");
    }

    @Test
    void a_guest_secret_shorter_than_32_bytes_refuses_start_up() {
        assertThatThrownBy(() -> dev.creditline.bootstrap.testing.TestService.start(Map.of("GUEST_SECRET", "too-short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GUEST_SECRET");
    }
}
