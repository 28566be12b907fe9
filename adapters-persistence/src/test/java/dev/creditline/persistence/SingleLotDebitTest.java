package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.in.GrantCreditsUseCase.GrantCommand;
import dev.creditline.application.port.in.VerifyLedgerUseCase.LedgerReport;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.service.CreditService;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.user.User;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a debit's allocations are kept (docs/lots.md "The append"): on the ledger entry when one lot
 * covers the debit, as {@code lot_allocation_rows} when it spans several; the {@code lot_allocations}
 * view shows both alike, a give-back finds them there, and verify-ledger checks the entry's lot.
 */
@DatabaseTest
class SingleLotDebitTest {

    private static LedgerServices services;
    private static Database db;
    private static CreditService credits;
    private static JdbiLedgerRepository ledger;
    private static LedgerVerificationService verification;

    @BeforeAll
    static void start() {
        services = LedgerServices.open();
        db = services.db();
        credits = services.credits();
        ledger = services.ledger();
        verification = services.verification();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    /** A user with the 100-credit signup bonus lot (priority 20) and a 50-credit admin lot (priority 30). */
    private static User twoLots() {
        User u = services.newUser();
        credits.grant(new GrantCommand(u.id(), 50, LedgerReason.ADMIN_ADJUSTMENT,
                LedgerRef.manual(UUID.randomUUID().toString())));
        return u;
    }

    private static long debit(UUID user, long credits, LedgerReason reason, LedgerRef ref) {
        AppendResult r = ledger.append(LedgerAppend.of(user, -credits, reason, ref, Instant.now()));
        assertThat(r).isInstanceOf(AppendResult.Appended.class);
        return ((AppendResult.Appended) r).entry().id();
    }

    private static List<Map<String, Object>> rows(String sql, Object... args) {
        return db.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapToMap().list();
        });
    }

    private static long lotOf(UUID user, String category) {
        return (Long) rows("SELECT id FROM credit_lots WHERE user_id = ? AND category = ?", user, category)
                .get(0).get("id");
    }

    private static void assertConsistent(UUID user) {
        LedgerReport report = verification.verify(Optional.of(user));
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.checked()).isEqualTo(1);
    }

    @Test
    void a_debit_one_lot_covers_keeps_its_allocation_on_the_entry_and_writes_no_row() {
        User u = twoLots();
        long entry = debit(u.id(), 10, LedgerReason.USAGE, LedgerRef.modelCall(UUID.randomUUID()));
        long bonus = lotOf(u.id(), "signup_bonus");

        assertThat(rows("SELECT lot_id FROM credit_ledger WHERE user_id = ? AND id = ?", u.id(), entry).get(0))
                .containsEntry("lot_id", bonus);
        assertThat(rows("SELECT * FROM lot_allocation_rows WHERE user_id = ? AND entry_id = ?", u.id(), entry))
                .isEmpty();
        assertThat(rows("SELECT id, lot_id, origin_entry_id, amount FROM lot_allocations"
                + " WHERE user_id = ? AND entry_id = ?", u.id(), entry))
                .singleElement().satisfies(a -> {
                    assertThat(a.get("id")).isNull();
                    assertThat(a).containsEntry("lot_id", bonus).containsEntry("origin_entry_id", entry)
                            .containsEntry("amount", 10L);
                });
        assertThat(rows("SELECT remaining FROM credit_lots WHERE user_id = ? AND id = ?", u.id(), bonus).get(0))
                .containsEntry("remaining", 90L);
        assertConsistent(u.id());
    }

    @Test
    void a_debit_spanning_two_lots_writes_a_row_per_lot_in_burn_order_and_no_lot_on_the_entry() {
        User u = twoLots();
        long entry = debit(u.id(), 120, LedgerReason.USAGE, LedgerRef.modelCall(UUID.randomUUID()));

        assertThat(rows("SELECT lot_id FROM credit_ledger WHERE user_id = ? AND id = ?", u.id(), entry).get(0)
                .get("lot_id")).isNull();
        assertThat(rows("SELECT lot_id, amount FROM lot_allocation_rows WHERE user_id = ? AND entry_id = ?"
                + " ORDER BY id", u.id(), entry))
                .containsExactly(Map.of("lot_id", lotOf(u.id(), "signup_bonus"), "amount", 100L),
                        Map.of("lot_id", lotOf(u.id(), "admin"), "amount", 20L));
        assertThat(rows("SELECT status FROM credit_lots WHERE user_id = ? AND category = 'signup_bonus'", u.id())
                .get(0)).containsEntry("status", "depleted");
        assertConsistent(u.id());
    }

    @Test
    void a_hold_taken_from_one_lot_is_given_back_to_that_lot_through_the_view() {
        User u = twoLots();
        UUID hold = UUID.randomUUID();
        long bonus = lotOf(u.id(), "signup_bonus");
        debit(u.id(), 30, LedgerReason.HOLD, LedgerRef.hold(hold));
        AppendResult back = ledger.append(LedgerAppend.of(u.id(), 30, LedgerReason.HOLD_RELEASE,
                LedgerRef.holdSettlement(hold), Instant.now()));
        assertThat(back).isInstanceOf(AppendResult.Appended.class);

        assertThat(rows("SELECT remaining FROM credit_lots WHERE user_id = ? AND id = ?", u.id(), bonus).get(0))
                .containsEntry("remaining", 100L);
        assertThat(rows("SELECT sum(amount) AS net FROM lot_allocations WHERE user_id = ? AND lot_id = ?",
                u.id(), bonus).get(0).get("net")).isEqualTo(java.math.BigDecimal.ZERO);
        assertConsistent(u.id());
    }

    @Test
    void a_repeated_idempotent_ref_writes_nothing_and_a_debit_above_the_balance_is_refused() {
        User u = twoLots();
        LedgerRef ref = LedgerRef.modelCall(UUID.randomUUID());
        debit(u.id(), 5, LedgerReason.USAGE, ref);
        long entries = rows("SELECT id FROM credit_ledger WHERE user_id = ?", u.id()).size();

        assertThat(ledger.append(LedgerAppend.of(u.id(), -5, LedgerReason.USAGE, ref, Instant.now())))
                .isInstanceOf(AppendResult.Duplicate.class);
        assertThat(ledger.append(LedgerAppend.of(u.id(), -146, LedgerReason.USAGE,
                LedgerRef.modelCall(UUID.randomUUID()), Instant.now())))
                .isEqualTo(new AppendResult.Insufficient(145));
        assertThat(rows("SELECT id FROM credit_ledger WHERE user_id = ?", u.id())).hasSize((int) entries);
        assertConsistent(u.id());
    }

    @Test
    void verify_ledger_reports_the_lot_an_entry_took_from_when_the_entry_names_another() {
        User u = twoLots();
        long entry = debit(u.id(), 10, LedgerReason.USAGE, LedgerRef.modelCall(UUID.randomUUID()));
        User other = twoLots();
        long foreign = lotOf(other.id(), "admin");
        db.jdbi().useHandle(h -> h.execute("UPDATE credit_ledger SET lot_id = ? WHERE user_id = ? AND id = ?",
                foreign, u.id(), entry));

        LedgerReport report = verification.verify(Optional.of(u.id()));
        assertThat(report.mismatches()).singleElement()
                .satisfies(v -> assertThat(v.firstBadLot()).isEqualTo(lotOf(u.id(), "signup_bonus")));
    }
}
