package dev.creditline.domain.lot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.domain.ledger.LedgerReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lots.md "Plans, packs and rollover": what an expiring allowance lot carries into the next period. */
class RolloverRulesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration PERIOD = Duration.ofDays(30);

    private static Instant day(long days) {
        return T0.plus(Duration.ofDays(days));
    }

    private static long allowance(LotBook book, long credits, long maxRollover) {
        return book.grant(LedgerReason.MONTHLY_ALLOWANCE, LotCategory.ALLOWANCE, credits, null, day(30),
                Rollover.of(maxRollover, T0, day(30)), T0);
    }

    private static Lot onlyActive(LotBook book) {
        List<Lot> active = book.lots().stream().filter(l -> l.status() == LotStatus.ACTIVE).toList();
        assertThat(active).hasSize(1);
        return active.get(0);
    }

    @Test
    void at_expiry_up_to_the_maximum_of_unused_credits_move_into_a_rollover_lot_of_the_following_period() {
        LotBook book = new LotBook();
        long lot = allowance(book, 100, 30);
        book.debit(LedgerReason.USAGE, 50, day(1));
        assertThat(book.expireDue(day(30))).isEqualTo(1);

        assertThat(book.lot(lot).status()).isEqualTo(LotStatus.EXPIRED);
        Lot rollover = onlyActive(book);
        assertThat(rollover.category()).isEqualTo(LotCategory.ROLLOVER);
        assertThat(rollover.priority()).isEqualTo(10);
        assertThat(rollover.amount()).isEqualTo(30);
        assertThat(rollover.expiresAt()).isEqualTo(day(60));
        assertThat(rollover.createdAt()).isEqualTo(day(30));
        assertThat(book.balance()).isEqualTo(30);
        // the expiry takes all 50 unused credits, the rollover grants the 30 carried
        List<LotBook.Entry> last = book.entries().subList(book.entries().size() - 2, book.entries().size());
        assertThat(last).extracting(LotBook.Entry::reason).containsExactly(LedgerReason.EXPIRY, LedgerReason.ROLLOVER);
        assertThat(last).extracting(LotBook.Entry::delta).containsExactly(-50L, 30L);
    }

    @Test
    void fewer_unused_credits_than_the_maximum_all_roll_over() {
        LotBook book = new LotBook();
        allowance(book, 100, 500);
        book.debit(LedgerReason.USAGE, 80, day(1));
        book.expireDue(day(30));
        assertThat(onlyActive(book).amount()).isEqualTo(20);
        assertThat(book.balance()).isEqualTo(20);
    }

    @Test
    void a_used_up_allowance_carries_nothing() {
        LotBook book = new LotBook();
        allowance(book, 100, 30);
        book.debit(LedgerReason.USAGE, 100, day(1));
        book.expireDue(day(30));
        assertThat(book.lots()).noneMatch(l -> l.category() == LotCategory.ROLLOVER);
        assertThat(book.entries()).extracting(LotBook.Entry::reason).doesNotContain(LedgerReason.ROLLOVER);
        assertThat(book.balance()).isZero();
    }

    @Test
    void a_rollover_lot_never_rolls_over_again_and_each_step_happens_once() {
        LotBook book = new LotBook();
        allowance(book, 100, 30);
        book.expireDue(day(30));
        book.expireDue(day(30));
        assertThat(book.expireDue(day(59))).isZero();
        assertThat(book.expireDue(day(60))).isEqualTo(1);
        assertThat(book.expireDue(day(90))).isZero();
        assertThat(book.balance()).isZero();
        assertThat(book.lots()).hasSize(2);
        assertThat(book.entries()).extracting(LotBook.Entry::reason).containsExactly(LedgerReason.MONTHLY_ALLOWANCE,
                LedgerReason.EXPIRY, LedgerReason.ROLLOVER, LedgerReason.EXPIRY);
    }

    @Test
    void a_user_untouched_past_both_periods_sees_the_rollover_made_and_expired_in_one_pass() {
        LotBook book = new LotBook();
        allowance(book, 100, 30);
        assertThat(book.expireDue(day(75))).isEqualTo(2);
        assertThat(book.balance()).isZero();
        assertThat(book.lots()).allMatch(l -> l.status() == LotStatus.EXPIRED);
        assertThat(book.entries()).extracting(LotBook.Entry::delta).containsExactly(100L, -100L, 30L, -30L);
    }

    @Test
    void a_rollover_lot_burns_with_the_allowance_priority_before_purchases() {
        LotBook book = new LotBook();
        allowance(book, 100, 30);
        long purchase = book.grant(LedgerReason.PURCHASE, LotCategory.PURCHASE, 50, null, null, day(2));
        book.expireDue(day(30));
        book.debit(LedgerReason.USAGE, 40, day(31));
        Lot rollover = book.lots().stream().filter(l -> l.category() == LotCategory.ROLLOVER).findFirst().orElseThrow();
        assertThat(rollover.status()).isEqualTo(LotStatus.DEPLETED);
        assertThat(book.lot(purchase).remaining()).isEqualTo(40);
    }

    @Test
    void a_fixed_period_like_the_free_plans_30_days_is_followed_by_another_of_the_same_length() {
        // Nov 29 + 30 days is Dec 29, a calendar month too: the free plan still counts 30 days
        Instant end = Instant.parse("2026-12-29T00:00:00Z");
        assertThat(Rollover.afterFixedPeriod(100, end, PERIOD).expiresAt()).isEqualTo(Instant.parse("2027-01-28T00:00:00Z"));
        assertThat(Rollover.afterFixedPeriod(0, end, PERIOD)).isNull();
    }

    @Test
    void a_subscription_period_that_is_not_whole_months_is_followed_by_one_of_the_same_length() {
        assertThat(Rollover.followingPeriodEnd(T0, T0.plus(PERIOD))).isEqualTo(T0.plus(PERIOD).plus(PERIOD));
        assertThat(Rollover.followingPeriodEnd(T0, T0.plus(Duration.ofDays(7)))).isEqualTo(T0.plus(Duration.ofDays(14)));
    }

    @Test
    void a_monthly_subscription_period_is_followed_by_a_calendar_month_keeping_the_anchor_day() {
        assertThat(Rollover.followingPeriodEnd(Instant.parse("2026-01-15T10:00:00Z"),
                Instant.parse("2026-02-15T10:00:00Z"))).isEqualTo(Instant.parse("2026-03-15T10:00:00Z"));
        assertThat(Rollover.followingPeriodEnd(Instant.parse("2026-01-31T00:00:00Z"),
                Instant.parse("2026-02-28T00:00:00Z"))).isEqualTo(Instant.parse("2026-03-31T00:00:00Z"));
        assertThat(Rollover.followingPeriodEnd(Instant.parse("2026-02-28T00:00:00Z"),
                Instant.parse("2026-03-31T00:00:00Z"))).isEqualTo(Instant.parse("2026-04-30T00:00:00Z"));
        assertThat(Rollover.followingPeriodEnd(Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2027-03-01T00:00:00Z"))).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }

    @Test
    void no_maximum_means_no_rollover_and_an_empty_period_is_refused() {
        assertThat(Rollover.of(0, T0, day(30))).isNull();
        assertThatThrownBy(() -> Rollover.followingPeriodEnd(day(1), day(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rollover(0, day(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
