package dev.creditline.rest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Guest token rules (domain.md "Guests"): HS256 with GUEST_SECRET, typ guest, 24 h, 15 s skew. */
class GuestTokensTest {

    private static final String SECRET = "guest-secret-0123456789abcdef0123456789";
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static GuestTokens at(Instant now, String secret) {
        return new GuestTokens(Optional.of(secret), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void an_issued_token_verifies_to_its_guest_id_until_24_hours_plus_skew() {
        GuestTokens.Issued issued = at(T0, SECRET).issue();
        assertThat(issued.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(at(T0, SECRET).verify(issued.token())).isEqualTo(issued.guestId());
        assertThat(at(T0.plusSeconds(86_400 + 15), SECRET).verify(issued.token())).isEqualTo(issued.guestId());
        assertThatThrownBy(() -> at(T0.plusSeconds(86_400 + 16), SECRET).verify(issued.token()))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> at(T0.minusSeconds(16), SECRET).verify(issued.token()))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void tokens_from_another_secret_tampered_unsigned_or_garbage_are_refused() {
        String token = at(T0, SECRET).issue().token();
        String[] parts = token.split("\\.");
        String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        for (String bad : new String[] {unsigned, parts[0] + "." + parts[1] + ".AAAA", "a.b.c", "", "x".repeat(5000),
                parts[0] + "." + parts[1]}) {
            assertThatThrownBy(() -> at(T0, SECRET).verify(bad)).as(bad).isInstanceOf(InvalidTokenException.class);
        }
        assertThatThrownBy(() -> at(T0, SECRET + "x").verify(token)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> at(T0, SECRET).verify(null)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void without_a_secret_nothing_is_issued_or_verified_and_short_secrets_are_refused() {
        GuestTokens none = new GuestTokens(Optional.of("  "), Clock.systemUTC());
        assertThat(none.configured()).isFalse();
        assertThatThrownBy(none::issue).isInstanceOf(IllegalStateException.class);
        String token = at(T0, SECRET).issue().token();
        assertThatThrownBy(() -> none.verify(token)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> new GuestTokens(Optional.of("short"), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GUEST_SECRET");
    }
}
