package dev.creditline.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** domain.md "Ledger": the rules every debit, grant and verification follows. */
class LedgerRulesTest {

    private static final UUID USER = UUID.fromString("00000000-0000-0000-0000-000000000001");

    /**
     * A debit the balance does not cover is refused as a whole, never leaving a negative balance.
     * PostgreSQL decides it (the conditional append and the CHECKs, see LedgerConcurrencyTest);
     * the refusal names what was required and what the balance was.
     */
    @Test
    void an_insufficient_debit_names_the_amount_required_and_the_balance() {
        InsufficientCreditsException i = new InsufficientCreditsException(11, 10);
        assertThat(i.required()).isEqualTo(11);
        assertThat(i.balance()).isEqualTo(10);
        assertThat(i.code()).isEqualTo("INSUFFICIENT_CREDITS");
    }

    @Test
    void amounts_are_positive_whole_credits_with_an_upper_bound() {
        assertThat(Credits.requirePositive("amount", 1)).isEqualTo(1);
        assertThatThrownBy(() -> Credits.requirePositive("amount", 0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> Credits.requirePositive("amount", -5)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Credits.requirePositive("amount", Credits.MAX_AMOUNT + 1))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void verification_accepts_a_ledger_whose_running_balances_and_sum_match() {
        LedgerVerifier v = new LedgerVerifier(USER, 7);
        v.accept(1, 10, 10);
        v.accept(2, -5, 5);
        v.accept(3, 2, 7);
        assertThat(v.result().isConsistent()).isTrue();
        assertThat(v.result().ledgerSum()).isEqualTo(7);
    }

    @Test
    void verification_reports_a_cached_balance_that_differs_from_the_sum() {
        LedgerVerifier v = new LedgerVerifier(USER, 9);
        v.accept(1, 10, 10);
        v.accept(2, -3, 7);
        LedgerVerification result = v.result();
        assertThat(result.isConsistent()).isFalse();
        assertThat(result.ledgerSum()).isEqualTo(7);
        assertThat(result.firstBadEntry()).isNull();
    }

    @Test
    void verification_names_the_first_entry_whose_running_balance_is_wrong() {
        LedgerVerifier v = new LedgerVerifier(USER, 12);
        v.accept(1, 10, 10);
        v.accept(2, 5, 16);
        v.accept(3, -3, 12);
        assertThat(v.result().firstBadEntry()).isEqualTo(2L);
        assertThat(v.result().isConsistent()).isFalse();
    }

    @Test
    void a_user_without_entries_is_consistent_only_at_zero() {
        assertThat(new LedgerVerifier(USER, 0).result().isConsistent()).isTrue();
        assertThat(new LedgerVerifier(USER, 1).result().isConsistent()).isFalse();
    }

    @Test
    void effects_that_must_happen_once_have_idempotent_refs_and_usage_by_message_may_repeat() {
        assertThat(LedgerRef.signupBonus(USER).isIdempotent()).isTrue();
        assertThat(LedgerRef.monthlyAllowance("free:x:1").isIdempotent()).isTrue();
        assertThat(LedgerRef.modelCall(USER).isIdempotent()).isTrue();
        assertThat(new LedgerRef("message", "m1").isIdempotent()).isFalse();
        assertThat(LedgerRef.adminAdjustment(USER).isIdempotent()).isFalse();
        assertThat(LedgerRef.signupBonus(USER)).hasToString("signup_bonus/" + USER);
    }

    @Test
    void reasons_have_stable_wire_names() {
        assertThat(LedgerReason.SIGNUP_BONUS.wireName()).isEqualTo("signup_bonus");
        assertThat(LedgerReason.fromWire("hold_capture_adjustment")).isEqualTo(LedgerReason.HOLD_CAPTURE_ADJUSTMENT);
        assertThatThrownBy(() -> LedgerReason.fromWire("gift")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hold_releases_and_settlement_adjustments_are_never_grants() {
        for (LedgerReason r : LedgerReason.values()) {
            assertThat(r.isGrant(0)).isFalse();
            assertThat(r.isGrant(-5)).isFalse();
        }
        assertThat(LedgerReason.HOLD_RELEASE.isGrant(40)).isFalse();
        assertThat(LedgerReason.HOLD_CAPTURE_ADJUSTMENT.isGrant(40)).isFalse();
        assertThat(LedgerReason.SIGNUP_BONUS.isGrant(100)).isTrue();
        assertThat(LedgerReason.PURCHASE.isGrant(100)).isTrue();
        assertThat(LedgerReason.MONTHLY_ALLOWANCE.isGrant(100)).isTrue();
        assertThat(LedgerReason.ADMIN_ADJUSTMENT.isGrant(100)).isTrue();
    }
}
