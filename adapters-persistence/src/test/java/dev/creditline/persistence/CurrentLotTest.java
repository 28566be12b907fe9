package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.in.GrantCreditsUseCase.GrantCommand;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.service.CreditService;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.user.User;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user's current lot (docs/lots.md "The current lot", V122): a debit that the first lot in burn order
 * covers is taken from {@code users.current_lot_remaining} and leaves the lot row alone; the
 * {@code credit_lots} view shows the true remaining; any other change to the user's lots writes the
 * current lot back first, so burn order, expiry and verify-ledger stay exact.
 */
@DatabaseTest
class CurrentLotTest {

    private static LedgerServices services;
    private static Database db;
    private static CreditService credits;
    private static JdbiLedgerRepository ledger;

    @BeforeAll
    static void start() {
        services = LedgerServices.open();
        db = services.db();
        credits = services.credits();
        ledger = services.ledger();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static AppendResult debitAt(UUID user, long credits, Instant at) {
        return ledger.append(LedgerAppend.of(user, -credits, LedgerReason.USAGE, LedgerRef.modelCall(UUID.randomUUID()),
                at));
    }

    private static long debit(UUID user, long credits) {
        AppendResult r = debitAt(user, credits, Instant.now());
        assertThat(r).isInstanceOf(AppendResult.Appended.class);
        return ((AppendResult.Appended) r).entry().id();
    }

    /** Debits {@code credits} and asserts that its entry names {@code lot} (a single-lot debit). */
    private static void assertDebitTakesFrom(UUID user, long credits, long lot) {
        long entry = debit(user, credits);
        assertThat(row("SELECT lot_id FROM credit_ledger WHERE user_id = ? AND id = ?", user, entry))
                .containsEntry("lot_id", lot);
    }

    private static void grantPromotion(UUID user, long credits, int priority, Instant expiresAt) {
        AppendResult r = ledger.append(new LedgerAppend(user, credits, LedgerReason.PROMOTION,
                LedgerRef.promotion(UUID.randomUUID().toString()), null, null, Instant.now(),
                new LotTerms.Grant(LotCategory.PROMOTION, priority, expiresAt, null)));
        assertThat(r).isInstanceOf(AppendResult.Appended.class);
    }

    /**
     * Grants a 40-credit promotion at priority 5 (first in burn order) expiring at {@code expiresAt}, spends
     * 10 (the full path, which makes it the current lot) then 5 (from the current lot): its true remaining
     * is 25, its row's 30. Returns its id.
     */
    private static long promotionSpentTo25(UUID user, Instant expiresAt) {
        grantPromotion(user, 40, 5, expiresAt);
        long promotion = services.lotOf(user, "promotion");
        debit(user, 10);
        debit(user, 5);
        assertThat(current(user)).containsEntry("current_lot_id", promotion).containsEntry("current_lot_remaining", 25L);
        assertThat(rowRemaining(user, promotion)).isEqualTo(30);
        return promotion;
    }

    private static Map<String, Object> row(String sql, Object... args) {
        List<Map<String, Object>> rows = services.rows(sql, args);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** The user's current lot id (null: none) and its remaining on the user's row. */
    private static Map<String, Object> current(UUID user) {
        return row("SELECT current_lot_id, current_lot_remaining FROM users WHERE id = ?", user);
    }

    private static long viewRemaining(UUID user, long lot) {
        return (Long) row("SELECT remaining FROM credit_lots WHERE user_id = ? AND id = ?", user, lot).get("remaining");
    }

    private static long rowRemaining(UUID user, long lot) {
        return (Long) row("SELECT remaining FROM credit_lot_rows WHERE user_id = ? AND id = ?", user, lot)
                .get("remaining");
    }

    @Test
    void after_the_first_debit_a_covered_debit_moves_only_the_user_row_and_the_view_shows_the_true_remaining() {
        User u = services.twoLots();
        long bonus = services.lotOf(u.id(), "signup_bonus");
        assertThat(current(u.id())).containsEntry("current_lot_id", null);

        debit(u.id(), 10);
        assertThat(current(u.id())).containsEntry("current_lot_id", bonus).containsEntry("current_lot_remaining", 90L);
        assertThat(rowRemaining(u.id(), bonus)).isEqualTo(90);

        assertDebitTakesFrom(u.id(), 5, bonus);
        assertThat(current(u.id())).containsEntry("current_lot_remaining", 85L);
        assertThat(rowRemaining(u.id(), bonus)).isEqualTo(90);
        assertThat(viewRemaining(u.id(), bonus)).isEqualTo(85);
        assertThat(row("SELECT credits_balance FROM users WHERE id = ?", u.id())).containsEntry("credits_balance", 135L);
        services.assertConsistent(u.id());
    }

    @Test
    void a_debit_that_would_empty_the_current_lot_takes_the_full_path_and_the_next_lot_becomes_current() {
        User u = services.twoLots();
        long bonus = services.lotOf(u.id(), "signup_bonus");
        long admin = services.lotOf(u.id(), "admin");
        debit(u.id(), 10);
        debit(u.id(), 90);

        assertThat(row("SELECT remaining, status FROM credit_lot_rows WHERE user_id = ? AND id = ?", u.id(), bonus))
                .containsEntry("remaining", 0L).containsEntry("status", "depleted");
        assertThat(current(u.id())).containsEntry("current_lot_id", admin).containsEntry("current_lot_remaining", 50L);
        assertDebitTakesFrom(u.id(), 5, admin);
        assertThat(viewRemaining(u.id(), admin)).isEqualTo(45);
        services.assertConsistent(u.id());
    }

    @Test
    void a_grant_writes_the_current_lot_back_so_a_lot_earlier_in_burn_order_is_burnt_first() {
        User u = services.twoLots();
        long bonus = services.lotOf(u.id(), "signup_bonus");
        debit(u.id(), 10);
        debit(u.id(), 5);
        grantPromotion(u.id(), 30, 10, null);

        assertThat(current(u.id())).containsEntry("current_lot_id", null).containsEntry("current_lot_remaining", 0L);
        assertThat(rowRemaining(u.id(), bonus)).isEqualTo(85);
        long promotion = services.lotOf(u.id(), "promotion");
        assertDebitTakesFrom(u.id(), 3, promotion);
        assertThat(viewRemaining(u.id(), promotion)).isEqualTo(27);
        assertThat(viewRemaining(u.id(), bonus)).isEqualTo(85);
        services.assertConsistent(u.id());
    }

    @Test
    void a_debit_led_by_a_preferred_lot_writes_the_current_lot_back_and_leaves_none() {
        User u = services.newUser();
        LedgerRef purchase = LedgerRef.manual(UUID.randomUUID().toString());
        credits.grant(new GrantCommand(u.id(), 50, LedgerReason.ADMIN_ADJUSTMENT, purchase));
        long bonus = services.lotOf(u.id(), "signup_bonus");
        long admin = services.lotOf(u.id(), "admin");
        debit(u.id(), 10);
        debit(u.id(), 5);
        assertThat(current(u.id())).containsEntry("current_lot_id", bonus);

        AppendResult clawback = ledger.append(LedgerAppend.of(u.id(), -20, LedgerReason.REFUND_CLAWBACK,
                new LedgerRef("stripe_refund", UUID.randomUUID().toString()), Instant.now())
                .withLots(new LotTerms.Burn(purchase)));
        assertThat(clawback).isInstanceOf(AppendResult.Appended.class);

        assertThat(current(u.id())).containsEntry("current_lot_id", null);
        assertThat(rowRemaining(u.id(), bonus)).isEqualTo(85);
        assertThat(viewRemaining(u.id(), bonus)).isEqualTo(85);
        assertThat(viewRemaining(u.id(), admin)).isEqualTo(30);
        assertDebitTakesFrom(u.id(), 3, bonus);
        assertThat(viewRemaining(u.id(), bonus)).isEqualTo(82);
        services.assertConsistent(u.id());
    }

    @Test
    void the_current_lot_expires_with_its_true_remaining_exactly_once() {
        User u = services.twoLots();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long promotion = promotionSpentTo25(u.id(), now.plus(Duration.ofHours(1)));

        AppendResult later = debitAt(u.id(), 2, now.plus(Duration.ofHours(2)));
        assertThat(later).isInstanceOf(AppendResult.Appended.class);

        assertThat(row("SELECT count(*) AS n, sum(delta) AS credits FROM credit_ledger WHERE user_id = ?"
                + " AND reason = 'expiry'", u.id())).containsEntry("n", 1L)
                .containsEntry("credits", java.math.BigDecimal.valueOf(-25));
        assertThat(row("SELECT remaining, status FROM credit_lots WHERE user_id = ? AND id = ?", u.id(), promotion))
                .containsEntry("remaining", 0L).containsEntry("status", "expired");
        assertThat(row("SELECT credits_balance FROM users WHERE id = ?", u.id()))
                .containsEntry("credits_balance", 150L + 40 - 15 - 25 - 2);
        services.assertConsistent(u.id());
    }

    @Test
    void an_expiring_notice_of_the_current_lot_tells_its_true_remaining() {
        User u = services.twoLots();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long promotion = promotionSpentTo25(u.id(), now.plus(Duration.ofDays(2)));

        assertThat(new JdbiExpiringLotNotices(db.transactions()).markNoticed(u.id(), now, now.plus(Duration.ofDays(7))))
                .singleElement().satisfies(l -> {
                    assertThat(l.id()).isEqualTo(promotion);
                    assertThat(l.remaining()).isEqualTo(25);
                });
    }

    @Test
    void concurrent_debits_and_grants_keep_every_lot_exact() throws Exception {
        User u = services.twoLots();
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> spent = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            spent.add(pool.submit(() -> {
                go.await();
                long taken = 0;
                for (int k = 0; k < 10; k++) {
                    if (debitAt(u.id(), 3, Instant.now()) instanceof AppendResult.Appended) {
                        taken += 3;
                    }
                }
                return taken;
            }));
        }
        Future<Long> granted = pool.submit(() -> {
            go.await();
            for (int k = 0; k < 5; k++) {
                grantPromotion(u.id(), 20, 10 + k * 10, null);
            }
            return 100L;
        });
        go.countDown();
        long total = 0;
        for (Future<Long> f : spent) {
            total += f.get(60, TimeUnit.SECONDS);
        }
        long grants = granted.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        long balance = (Long) row("SELECT credits_balance FROM users WHERE id = ?", u.id()).get("credits_balance");
        assertThat(balance).isEqualTo(150 + grants - total).isGreaterThanOrEqualTo(0);
        assertThat(((Number) row("SELECT coalesce(sum(remaining), 0) AS s FROM credit_lots WHERE user_id = ?"
                + " AND status = 'active'", u.id()).get("s")).longValue()).isEqualTo(balance);
        services.assertConsistent(u.id());
    }
}
