package dev.creditline.domain.lot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ValidationException;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lots.md: categories, burn order, holds and their release, expiry, void and debt. */
class LotRulesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant t(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void categories_have_the_documented_default_priorities() {
        assertThat(LotCategory.ALLOWANCE.defaultPriority()).isEqualTo(10);
        assertThat(LotCategory.ROLLOVER.defaultPriority()).isEqualTo(10);
        assertThat(LotCategory.PROMOTION.defaultPriority()).isEqualTo(20);
        assertThat(LotCategory.SIGNUP_BONUS.defaultPriority()).isEqualTo(20);
        assertThat(LotCategory.ADMIN.defaultPriority()).isEqualTo(30);
        assertThat(LotCategory.PURCHASE.defaultPriority()).isEqualTo(50);
    }

    @Test
    void every_grant_reason_makes_a_lot_of_its_category_and_give_backs_make_none() {
        assertThat(LotCategory.ofGrant(LedgerReason.SIGNUP_BONUS)).isEqualTo(LotCategory.SIGNUP_BONUS);
        assertThat(LotCategory.ofGrant(LedgerReason.MONTHLY_ALLOWANCE)).isEqualTo(LotCategory.ALLOWANCE);
        assertThat(LotCategory.ofGrant(LedgerReason.PURCHASE)).isEqualTo(LotCategory.PURCHASE);
        assertThat(LotCategory.ofGrant(LedgerReason.ADMIN_ADJUSTMENT)).isEqualTo(LotCategory.ADMIN);
        assertThat(LotCategory.ofGrant(LedgerReason.HOLD_RELEASE)).isNull();
        assertThat(LotCategory.ofGrant(LedgerReason.HOLD_CAPTURE_ADJUSTMENT)).isNull();
    }

    @Test
    void only_promotion_and_admin_may_be_granted_by_a_caller() {
        assertThat(LotCategory.requireGrantable("category", "promotion")).isEqualTo(LotCategory.PROMOTION);
        assertThat(LotCategory.requireGrantable("category", "admin")).isEqualTo(LotCategory.ADMIN);
        assertThatThrownBy(() -> LotCategory.requireGrantable("category", "purchase"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("category");
    }

    @Test
    void priority_outside_0_to_100_is_refused_naming_the_field() {
        assertThat(LotPriority.require("priority", 0)).isZero();
        assertThat(LotPriority.require("priority", 100)).isEqualTo(100);
        assertThatThrownBy(() -> LotPriority.require("priority", -1)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("priority");
        assertThatThrownBy(() -> LotPriority.require("priority", 101)).isInstanceOf(ValidationException.class);
    }

    @Test
    void burn_order_is_priority_then_expiry_with_never_last_then_creation_then_id() {
        Lot purchase = lot(1, 50, null, t(0));
        Lot promoLate = lot(2, 20, t(500), t(1));
        Lot promoSoon = lot(3, 20, t(100), t(2));
        Lot promoNever = lot(4, 20, null, t(0));
        Lot allowance = lot(5, 10, null, t(3));
        Lot promoNeverLater = lot(6, 20, null, t(1));
        Lot promoNeverSameTime = lot(7, 20, null, t(1));
        List<Lot> sorted = List.of(purchase, promoLate, promoSoon, promoNever, allowance, promoNeverSameTime,
                promoNeverLater).stream().sorted(Lot.BURN_ORDER).toList();
        assertThat(sorted).extracting(Lot::id).containsExactly(5L, 3L, 2L, 4L, 6L, 7L, 1L);
    }

    @Test
    void a_debit_takes_from_lots_in_burn_order_and_splits_across_them() {
        LotBook book = new LotBook();
        long purchase = book.grant(LedgerReason.PURCHASE, LotCategory.PURCHASE, 100, null, null, t(0));
        long allowance = book.grant(LedgerReason.MONTHLY_ALLOWANCE, LotCategory.ALLOWANCE, 30, null, t(1000), t(1));
        long promo = book.grant(LedgerReason.PROMOTION, LotCategory.PROMOTION, 20, null, t(50), t(2));
        book.debit(LedgerReason.USAGE, 40, t(3));
        assertThat(book.entries().get(3).allocations())
                .containsExactly(new Allocation(allowance, 30), new Allocation(promo, 10));
        assertThat(book.lot(allowance).status()).isEqualTo(LotStatus.DEPLETED);
        assertThat(book.lot(promo).remaining()).isEqualTo(10);
        assertThat(book.lot(purchase).remaining()).isEqualTo(100);
        assertThat(book.balance()).isEqualTo(110);
    }

    @Test
    void a_grant_may_set_its_own_priority() {
        LotBook book = new LotBook();
        long allowance = book.grant(LedgerReason.MONTHLY_ALLOWANCE, LotCategory.ALLOWANCE, 10, null, null, t(0));
        long promo = book.grant(LedgerReason.PROMOTION, LotCategory.PROMOTION, 10, 0, null, t(1));
        book.debit(LedgerReason.USAGE, 5, t(2));
        assertThat(book.lot(promo).remaining()).isEqualTo(5);
        assertThat(book.lot(allowance).remaining()).isEqualTo(10);
    }

    @Test
    void a_debit_larger_than_the_balance_is_refused_as_a_whole() {
        LotBook book = new LotBook();
        book.grant(LedgerReason.SIGNUP_BONUS, LotCategory.SIGNUP_BONUS, 10, null, null, t(0));
        assertThatThrownBy(() -> book.debit(LedgerReason.USAGE, 11, t(1)))
                .isInstanceOf(InsufficientCreditsException.class);
        assertThat(book.balance()).isEqualTo(10);
        assertThat(book.entries()).hasSize(1);
    }

    @Test
    void a_lot_expires_once_at_its_expiry_and_the_balance_never_counts_it_after() {
        LotBook book = new LotBook();
        long promo = book.grant(LedgerReason.PROMOTION, LotCategory.PROMOTION, 20, null, t(10), t(0));
        book.grant(LedgerReason.PURCHASE, LotCategory.PURCHASE, 100, null, null, t(0));
        book.debit(LedgerReason.USAGE, 5, t(1));
        assertThat(book.expireDue(t(9))).isZero();
        assertThat(book.expireDue(t(10))).isEqualTo(1);
        assertThat(book.expireDue(t(11))).isZero();
        assertThat(book.lot(promo).status()).isEqualTo(LotStatus.EXPIRED);
        assertThat(book.lot(promo).remaining()).isZero();
        assertThat(book.balance()).isEqualTo(100);
        assertThat(book.entries()).filteredOn(e -> e.reason() == LedgerReason.EXPIRY).singleElement()
                .satisfies(e -> assertThat(e.delta()).isEqualTo(-15));
    }

    @Test
    void whoever_touches_the_user_after_the_expiry_applies_it_before_its_own_movement() {
        LotBook book = new LotBook();
        book.grant(LedgerReason.PROMOTION, LotCategory.PROMOTION, 20, null, t(10), t(0));
        assertThatThrownBy(() -> book.debit(LedgerReason.USAGE, 1, t(10)))
                .isInstanceOf(InsufficientCreditsException.class);
        assertThat(book.balance()).isZero();
        assertThat(book.entries()).extracting(LotBook.Entry::reason)
                .containsExactly(LedgerReason.PROMOTION, LedgerReason.EXPIRY);
    }

    @Test
    void a_hold_reserves_in_burn_order_and_its_release_goes_back_to_the_same_lots_newest_first() {
        LotBook book = new LotBook();
        long allowance = book.grant(LedgerReason.MONTHLY_ALLOWANCE, LotCategory.ALLOWANCE, 30, null, null, t(0));
        long purchase = book.grant(LedgerReason.PURCHASE, LotCategory.PURCHASE, 100, null, null, t(0));
        long hold = book.debit(LedgerReason.HOLD, 50, t(1));
        assertThat(book.entries().get((int) hold - 1).allocations())
                .containsExactly(new Allocation(allowance, 30), new Allocation(purchase, 20));
        book.giveBack(LedgerReason.HOLD_RELEASE, hold, 25, t(2));
        assertThat(book.lot(purchase).remaining()).isEqualTo(100);
        assertThat(book.lot(allowance).remaining()).isEqualTo(5);
        book.giveBack(LedgerReason.HOLD_RELEASE, hold, 25, t(3));
        assertThat(book.lot(allowance).remaining()).isEqualTo(30);
        assertThat(book.balance()).isEqualTo(130);
        book.giveBack(LedgerReason.HOLD_RELEASE, hold, 1, t(4));
        assertThat(book.lots()).last().satisfies(l -> {
            assertThat(l.category()).isEqualTo(LotCategory.ADMIN);
            assertThat(l.amount()).isEqualTo(1);
        });
    }

    @Test
    void credits_given_back_to_a_lot_that_expired_meanwhile_expire_at_once() {
        LotBook book = new LotBook();
        long promo = book.grant(LedgerReason.PROMOTION, LotCategory.PROMOTION, 20, null, t(10), t(0));
        book.grant(LedgerReason.PURCHASE, LotCategory.PURCHASE, 100, null, null, t(0));
        long hold = book.debit(LedgerReason.HOLD, 30, t(1));
        book.giveBack(LedgerReason.HOLD_RELEASE, hold, 30, t(20));
        assertThat(book.lot(promo).status()).isEqualTo(LotStatus.EXPIRED);
        assertThat(book.lot(promo).remaining()).isZero();
        assertThat(book.balance()).isEqualTo(100);
        assertThat(book.entries()).filteredOn(e -> e.reason() == LedgerReason.EXPIRY)
                .extracting(LotBook.Entry::delta).containsExactly(-20L);
    }

    @Test
    void void_removes_what_is_left_of_a_lot_once() {
        LotBook book = new LotBook();
        long promo = book.grant(LedgerReason.PROMOTION, LotCategory.PROMOTION, 20, null, null, t(0));
        book.debit(LedgerReason.USAGE, 5, t(1));
        book.voidLot(promo, t(2));
        book.voidLot(promo, t(3));
        assertThat(book.lot(promo).status()).isEqualTo(LotStatus.VOIDED);
        assertThat(book.balance()).isZero();
        assertThat(book.entries()).filteredOn(e -> e.reason() == LedgerReason.VOID).hasSize(1);
    }

    @Test
    void a_refund_of_spent_credits_leaves_debt_that_the_next_grant_repays_first() {
        LotBook book = new LotBook();
        long purchase = book.grant(LedgerReason.PURCHASE, LotCategory.PURCHASE, 100, null, null, t(0));
        book.grant(LedgerReason.SIGNUP_BONUS, LotCategory.SIGNUP_BONUS, 10, null, null, t(0));
        book.debit(LedgerReason.USAGE, 90, t(1));
        book.clawback(100, purchase, false, t(2));
        assertThat(book.balance()).isZero();
        assertThat(book.debt()).isEqualTo(80);
        long allowance = book.grant(LedgerReason.MONTHLY_ALLOWANCE, LotCategory.ALLOWANCE, 50, null, null, t(3));
        assertThat(book.debt()).isEqualTo(30);
        assertThat(book.balance()).isZero();
        assertThat(book.lot(allowance).remaining()).isZero();
        book.grant(LedgerReason.MONTHLY_ALLOWANCE, LotCategory.ALLOWANCE, 50, null, null, t(4));
        assertThat(book.debt()).isZero();
        assertThat(book.balance()).isEqualTo(20);
    }

    @Test
    void a_clawback_takes_from_the_refunded_purchase_first() {
        LotBook book = new LotBook();
        long allowance = book.grant(LedgerReason.MONTHLY_ALLOWANCE, LotCategory.ALLOWANCE, 100, null, null, t(0));
        long purchase = book.grant(LedgerReason.PURCHASE, LotCategory.PURCHASE, 50, null, null, t(0));
        book.clawback(60, purchase, false, t(1));
        assertThat(book.lot(purchase).remaining()).isZero();
        assertThat(book.lot(allowance).remaining()).isEqualTo(90);
        assertThat(book.debt()).isZero();
    }

    @Test
    void forgive_keeps_no_debt() {
        LotBook book = new LotBook();
        long purchase = book.grant(LedgerReason.PURCHASE, LotCategory.PURCHASE, 100, null, null, t(0));
        book.debit(LedgerReason.USAGE, 100, t(1));
        book.clawback(100, purchase, true, t(2));
        assertThat(book.debt()).isZero();
        assertThat(book.balance()).isZero();
    }

    private static Lot lot(long id, int priority, Instant expiresAt, Instant createdAt) {
        return new Lot(id, LotCategory.PROMOTION, 10, 10, priority, expiresAt, LotStatus.ACTIVE, createdAt);
    }
}
