package dev.creditline.domain.hold;

import dev.creditline.domain.DomainException;
import dev.creditline.domain.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** domain.md "Holds"; lessons 7, 10, 11. */
class HoldTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID USER = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private static Hold openHold(long amount) {
        return Hold.open(ID, USER, amount, HoldTtl.DEFAULT, T0);
    }

    @Test
    void new_hold_is_open_and_expires_after_the_ttl() {
        Hold h = Hold.open(ID, USER, 100, HoldTtl.ofSeconds(90L), T0);
        assertThat(h.status()).isEqualTo(HoldStatus.OPEN);
        assertThat(h.createdAt()).isEqualTo(T0);
        assertThat(h.expiresAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void hold_is_expired_from_its_deadline_on_not_before() {
        Hold h = openHold(100);
        assertThat(h.isExpired(h.expiresAt().minusNanos(1))).isFalse();
        assertThat(h.isExpired(h.expiresAt())).isTrue();
        assertThat(h.isExpired(h.expiresAt().plusSeconds(1))).isTrue();
    }

    @Test
    void only_open_expired_holds_are_swept() {
        Hold h = openHold(100);
        Instant late = h.expiresAt().plusSeconds(1);
        assertThat(h.isSweepable(late)).isTrue();
        assertThat(h.isSweepable(T0)).isFalse();
        assertThat(h.settledAs(HoldStatus.CAPTURED).isSweepable(late)).isFalse();
    }

    @Test
    void capture_below_hold_releases_the_difference() {
        HoldSettlement s = openHold(100).capture(30, 0);
        assertThat(s).isEqualTo(new HoldSettlement(30, 70, 0, 0));
        assertThat(s.charged()).isEqualTo(30);
        assertThat(s.balanceDelta()).isEqualTo(70);
    }

    @Test
    void capture_equal_to_hold_releases_nothing() {
        assertThat(openHold(100).capture(100, 5)).isEqualTo(new HoldSettlement(100, 0, 0, 0));
    }

    @Test
    void capture_of_zero_cost_releases_the_whole_hold() {
        assertThat(openHold(100).capture(0, 5)).isEqualTo(new HoldSettlement(0, 100, 0, 0));
    }

    @Test
    void capture_above_hold_debits_the_difference_when_the_balance_allows() {
        HoldSettlement s = openHold(100).capture(130, 50);
        assertThat(s).isEqualTo(new HoldSettlement(100, 0, 30, 0));
        assertThat(s.charged()).isEqualTo(130);
        assertThat(s.balanceDelta()).isEqualTo(-30);
    }

    @Test
    void capture_above_hold_debits_what_is_available_and_reports_shortfall() {
        HoldSettlement s = openHold(100).capture(130, 12);
        assertThat(s).isEqualTo(new HoldSettlement(100, 0, 12, 18));
        assertThat(s.charged()).isEqualTo(112);
        assertThat(s.captured() + s.extraDebit() + s.shortfall()).isEqualTo(130);
    }

    @Test
    void capture_above_hold_with_empty_balance_reports_the_whole_excess_as_shortfall() {
        assertThat(openHold(100).capture(250, 0)).isEqualTo(new HoldSettlement(100, 0, 0, 150));
    }

    @Test
    void capture_rejects_negative_amounts() {
        assertThatThrownBy(() -> openHold(100).capture(-1, 0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("actualCost"));
        assertThatThrownBy(() -> openHold(100).capture(1, -1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("availableBalance"));
    }

    @Test
    void release_refunds_the_whole_hold() {
        HoldSettlement s = openHold(100).release();
        assertThat(s).isEqualTo(new HoldSettlement(0, 100, 0, 0));
        assertThat(s.balanceDelta()).isEqualTo(100);
    }

    @Test
    void release_is_allowed_after_the_deadline() {
        Hold h = openHold(100);
        assertThat(h.isExpired(h.expiresAt().plusSeconds(3600))).isTrue();
        assertThat(h.release().released()).isEqualTo(100);
    }

    @Test
    void sweeper_expiry_refunds_the_whole_hold_once_the_deadline_passed() {
        Hold h = openHold(100);
        assertThat(h.expire(h.expiresAt())).isEqualTo(new HoldSettlement(0, 100, 0, 0));
        assertThatThrownBy(() -> h.expire(h.expiresAt().minusSeconds(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void capture_after_the_deadline_is_refused_as_expired() {
        Hold h = openHold(100);
        assertThat(h.capture(40, 0, h.expiresAt().minusSeconds(1)).released()).isEqualTo(60);
        assertThatThrownBy(() -> h.capture(40, 0, h.expiresAt()))
                .isInstanceOfSatisfying(HoldExpiredException.class, e -> {
                    assertThat(e.code()).isEqualTo("HOLD_EXPIRED");
                    assertThat(e.holdId()).isEqualTo(ID);
                    assertThat(e.expiresAt()).isEqualTo(h.expiresAt());
                });
    }

    @ParameterizedTest
    @EnumSource(value = HoldStatus.class, names = {"CAPTURED", "RELEASED", "EXPIRED"})
    void a_settled_hold_cannot_be_captured_released_or_expired_again(HoldStatus settled) {
        Hold h = openHold(100).settledAs(settled);
        Instant late = h.expiresAt().plusSeconds(1);
        assertThatThrownBy(() -> h.capture(10, 1000)).isInstanceOf(HoldAlreadySettledException.class);
        assertThatThrownBy(() -> h.capture(10, 1000, T0)).isInstanceOf(HoldAlreadySettledException.class);
        assertThatThrownBy(h::release).isInstanceOf(HoldAlreadySettledException.class);
        assertThatThrownBy(() -> h.expire(late)).isInstanceOf(HoldAlreadySettledException.class);
        assertThatThrownBy(() -> h.settledAs(HoldStatus.RELEASED))
                .isInstanceOfSatisfying(HoldAlreadySettledException.class, e -> {
                    assertThat(e.code()).isEqualTo("HOLD_ALREADY_SETTLED");
                    assertThat(e.status()).isEqualTo(settled);
                    assertThat(e.holdId()).isEqualTo(ID);
                });
    }

    @Test
    void capture_then_release_cannot_both_apply() {
        // lesson 7: reconcile and refund of the same reservation must not both credit
        Hold open = openHold(100);
        HoldSettlement captured = open.capture(100, 0);
        Hold after = open.settledAs(HoldStatus.CAPTURED);
        assertThat(captured.released()).isZero();
        assertThatThrownBy(after::release).isInstanceOf(HoldAlreadySettledException.class);
    }

    @Test
    void settling_keeps_everything_but_the_status() {
        Hold open = openHold(100);
        Hold released = open.settledAs(HoldStatus.RELEASED);
        assertThat(released).isEqualTo(new Hold(ID, USER, 100, HoldStatus.RELEASED, open.createdAt(), open.expiresAt()));
        assertThat(released.status().isSettled()).isTrue();
        assertThat(HoldStatus.OPEN.isSettled()).isFalse();
        assertThatThrownBy(() -> open.settledAs(HoldStatus.OPEN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hold_amount_must_be_positive() {
        assertThatThrownBy(() -> openHold(0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
        assertThatThrownBy(() -> openHold(-5)).isInstanceOf(ValidationException.class);
    }

    @Test
    void hold_must_expire_after_it_was_created() {
        assertThatThrownBy(() -> new Hold(ID, USER, 1, HoldStatus.OPEN, T0, T0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("expiresAt"));
    }

    @Test
    void hold_errors_have_stable_codes() {
        DomainException notFound = new HoldNotFoundException(ID);
        assertThat(notFound.code()).isEqualTo("HOLD_NOT_FOUND");
        assertThat(notFound.getMessage()).contains(ID.toString());
        assertThat(new HoldAlreadySettledException(ID, HoldStatus.CAPTURED).getMessage()).contains("captured");
        assertThat(new HoldExpiredException(ID, T0).code()).isEqualTo("HOLD_EXPIRED");
    }

    @Test
    void settlement_amounts_keep_the_hold_and_cost_invariants() {
        Hold h = openHold(100);
        for (long actual : new long[] {0, 1, 99, 100, 101, 1_000}) {
            for (long available : new long[] {0, 1, 50, 10_000}) {
                HoldSettlement s = h.capture(actual, available);
                assertThat(s.captured() + s.released()).isEqualTo(100);
                assertThat(s.captured() + s.extraDebit() + s.shortfall()).isEqualTo(actual);
                assertThat(s.extraDebit()).isLessThanOrEqualTo(available);
            }
        }
    }

    @Test
    void hold_wire_names_are_lower_case() {
        assertThat(HoldStatus.values()).extracting(HoldStatus::wire)
                .containsExactly("open", "captured", "released", "expired");
    }

    @Test
    void ttl_duration_matches_seconds() {
        assertThat(HoldTtl.ofSeconds(3600L).duration()).isEqualTo(Duration.ofHours(1));
    }
}
