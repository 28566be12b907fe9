package dev.creditline.domain.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.pricing.CallType;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.domain.pricing.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Streaming holds: steps, extension, expiry policy and sizing (domain.md "Holds"). */
class StreamingHoldRulesTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID USER = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static Hold open(long amount, HoldExpiryPolicy policy) {
        return Hold.open(ID, USER, amount, new HoldTtl(600), policy, T0);
    }

    @Test
    void partial_captures_take_from_the_reserve_then_debit_beyond_it_as_far_as_the_balance_goes() {
        Hold h = open(100, HoldExpiryPolicy.RELEASE);
        HoldStep s1 = h.captureStep(30, 0, T0);
        assertThat(s1).isEqualTo(new HoldStep(1, 30, 0, 0));
        h = h.afterStep(s1);
        assertThat(h.remaining()).isEqualTo(70);
        HoldStep s2 = h.captureStep(90, 15, T0);
        assertThat(s2).isEqualTo(new HoldStep(2, 70, 15, 5));
        h = h.afterStep(s2);
        assertThat(h.remaining()).isZero();
        assertThat(h.charged()).isEqualTo(115);
        // the final capture settles on what is left: nothing left, so the whole final step is above the hold
        assertThat(h.capture(4, 10, T0)).isEqualTo(new HoldSettlement(100, 0, 4, 0));
    }

    @Test
    void the_final_capture_and_a_release_after_steps_settle_only_what_the_hold_still_reserves() {
        Hold h = open(100, HoldExpiryPolicy.RELEASE);
        h = h.afterStep(h.captureStep(40, 0, T0));
        assertThat(h.capture(10, 0, T0)).isEqualTo(new HoldSettlement(50, 50, 0, 0));
        assertThat(h.release()).isEqualTo(new HoldSettlement(40, 60, 0, 0));
    }

    @Test
    void a_step_after_the_deadline_or_of_nothing_is_refused() {
        Hold h = open(100, HoldExpiryPolicy.RELEASE);
        assertThatThrownBy(() -> h.captureStep(1, 0, h.expiresAt())).isInstanceOf(HoldExpiredException.class);
        assertThatThrownBy(() -> h.captureStep(0, 0, T0)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("amount");
    }

    @ParameterizedTest
    @EnumSource(value = HoldStatus.class, names = {"CAPTURED", "RELEASED", "EXPIRED"})
    void a_settled_hold_takes_no_step_and_no_extension(HoldStatus status) {
        Hold h = open(100, HoldExpiryPolicy.RELEASE).settledAs(status);
        assertThatThrownBy(() -> h.captureStep(1, 0, T0)).isInstanceOf(HoldAlreadySettledException.class);
        assertThatThrownBy(() -> h.extend(new HoldTtl(60), T0)).isInstanceOf(HoldAlreadySettledException.class);
    }

    @Test
    void the_expiry_policy_releases_or_keeps_the_rest_and_steps_stay_taken() {
        Hold released = open(100, HoldExpiryPolicy.RELEASE);
        released = released.afterStep(released.captureStep(30, 0, T0));
        assertThat(released.expire(released.expiresAt())).isEqualTo(new HoldSettlement(30, 70, 0, 0));
        Hold kept = open(100, HoldExpiryPolicy.CAPTURE);
        kept = kept.afterStep(kept.captureStep(30, 0, T0));
        assertThat(kept.expire(kept.expiresAt())).isEqualTo(new HoldSettlement(100, 0, 0, 0));
        assertThat(HoldExpiryPolicy.fromWire(null)).isEqualTo(HoldExpiryPolicy.RELEASE);
        assertThatThrownBy(() -> HoldExpiryPolicy.fromWire("Capture")).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("onExpiry");
    }

    @Test
    void extend_moves_the_deadline_never_back_never_past_a_day_and_not_once_expired() {
        Hold h = open(100, HoldExpiryPolicy.RELEASE);
        Instant later = T0.plusSeconds(500);
        assertThat(h.extend(new HoldTtl(600), later)).isEqualTo(later.plusSeconds(600));
        assertThat(h.extend(new HoldTtl(5), later)).isEqualTo(h.expiresAt());
        Instant nearlyADay = T0.plus(Duration.ofHours(23)).plusSeconds(0);
        Hold longLived = new Hold(ID, USER, 100, HoldStatus.OPEN, T0, nearlyADay.plusSeconds(60));
        assertThat(longLived.extend(HoldTtl.MAX, nearlyADay)).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThatThrownBy(() -> h.extend(new HoldTtl(60), h.expiresAt())).isInstanceOf(HoldExpiredException.class);
    }

    @ParameterizedTest
    @EnumSource(CallType.class)
    void a_sized_hold_is_the_pricing_tables_cost_of_the_types_maximum(CallType type) {
        PricingTable table = PricingTable.defaults();
        HoldSizing s = new HoldSizing("anthropic/claude-opus-4.5", type, 1_234, 0, 0, 4_321, 3, 17);
        Usage max = type.isTokenPriced() ? Usage.tokens(1_234, 4_321)
                : type == CallType.IMAGE_GENERATION ? Usage.images(1_234, 3) : Usage.media(1_234, 17);
        assertThat(s.amount(table, 1_000_000)).isEqualTo(table.cost("anthropic/claude-opus-4.5", type, CallStatus.SUCCESS, max));
        assertThat(HoldSizing.boundField(type)).isEqualTo(type.isTokenPriced() ? "maxOutputTokens"
                : type == CallType.IMAGE_GENERATION ? "maxImages" : "maxMediaSeconds");
    }

    @Test
    void sizing_an_unknown_model_uses_the_default_rate_and_the_ceiling_names_the_field() {
        PricingTable table = PricingTable.defaults();
        HoldSizing s = new HoldSizing("acme/new", CallType.CHAT_COMPLETION, 1_000, 0, 0, 1_000, 0, 0);
        assertThat(s.amount(table, 1_000)).isEqualTo(3 + 15);
        assertThatThrownBy(() -> s.amount(table, 999)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("maxOutputTokens");
        assertThatThrownBy(() -> new HoldSizing("m", CallType.CHAT_COMPLETION, -1, 0, 0, 1, 0, 0))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("inputTokens");
    }
}
