package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.in.VerifyLedgerUseCase.LedgerReport;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.user.User;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Instant;
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
    private static JdbiLedgerRepository ledger;
    private static LedgerVerificationService verification;

    @BeforeAll
    static void start() {
        services = LedgerServices.open();
        db = services.db();
        ledger = services.ledger();
        verification = services.verification();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static long debit(UUID user, long credits, LedgerReason reason, LedgerRef ref) {
        AppendResult r = ledger.append(LedgerAppend.of(user, -credits, reason, ref, Instant.now()));
        assertThat(r).isInstanceOf(AppendResult.Appended.class);
        return ((AppendResult.Appended) r).entry().id();
    }

    @Test
    void a_debit_one_lot_covers_keeps_its_allocation_on_the_entry_and_writes_no_row() {
        User u = services.twoLots();
        long entry = debit(u.id(), 10, LedgerReason.USAGE, LedgerRef.modelCall(UUID.randomUUID()));
        long bonus = services.lotOf(u.id(), "signup_bonus");

        assertThat(services.rows("SELECT lot_id FROM credit_ledger WHERE user_id = ? AND id = ?", u.id(), entry).get(0))
                .containsEntry("lot_id", bonus);
        assertThat(services.rows("SELECT * FROM lot_allocation_rows WHERE user_id = ? AND entry_id = ?", u.id(), entry))
                .isEmpty();
        assertThat(services.rows("SELECT id, lot_id, origin_entry_id, amount FROM lot_allocations"
                + " WHERE user_id = ? AND entry_id = ?", u.id(), entry))
                .singleElement().satisfies(a -> {
                    assertThat(a.get("id")).isNull();
                    assertThat(a).containsEntry("lot_id", bonus).containsEntry("origin_entry_id", entry)
                            .containsEntry("amount", 10L);
                });
        assertThat(services.rows("SELECT remaining FROM credit_lots WHERE user_id = ? AND id = ?", u.id(), bonus).get(0))
                .containsEntry("remaining", 90L);
        services.assertConsistent(u.id());
    }

    @Test
    void a_debit_spanning_two_lots_writes_a_row_per_lot_in_burn_order_and_no_lot_on_the_entry() {
        User u = services.twoLots();
        long entry = debit(u.id(), 120, LedgerReason.USAGE, LedgerRef.modelCall(UUID.randomUUID()));

        assertThat(services.rows("SELECT lot_id FROM credit_ledger WHERE user_id = ? AND id = ?", u.id(), entry).get(0)
                .get("lot_id")).isNull();
        assertThat(services.rows("SELECT lot_id, amount FROM lot_allocation_rows WHERE user_id = ? AND entry_id = ?"
                + " ORDER BY id", u.id(), entry))
                .containsExactly(Map.of("lot_id", services.lotOf(u.id(), "signup_bonus"), "amount", 100L),
                        Map.of("lot_id", services.lotOf(u.id(), "admin"), "amount", 20L));
        assertThat(services.rows("SELECT status FROM credit_lots WHERE user_id = ? AND category = 'signup_bonus'", u.id())
                .get(0)).containsEntry("status", "depleted");
        services.assertConsistent(u.id());
    }

    @Test
    void a_hold_taken_from_one_lot_is_given_back_to_that_lot_through_the_view() {
        User u = services.twoLots();
        UUID hold = UUID.randomUUID();
        long bonus = services.lotOf(u.id(), "signup_bonus");
        debit(u.id(), 30, LedgerReason.HOLD, LedgerRef.hold(hold));
        AppendResult back = ledger.append(LedgerAppend.of(u.id(), 30, LedgerReason.HOLD_RELEASE,
                LedgerRef.holdSettlement(hold), Instant.now()));
        assertThat(back).isInstanceOf(AppendResult.Appended.class);

        assertThat(services.rows("SELECT remaining FROM credit_lots WHERE user_id = ? AND id = ?", u.id(), bonus).get(0))
                .containsEntry("remaining", 100L);
        assertThat(services.rows("SELECT sum(amount) AS net FROM lot_allocations WHERE user_id = ? AND lot_id = ?",
                u.id(), bonus).get(0).get("net")).isEqualTo(java.math.BigDecimal.ZERO);
        services.assertConsistent(u.id());
    }

    @Test
    void a_repeated_idempotent_ref_writes_nothing_and_a_debit_above_the_balance_is_refused() {
        User u = services.twoLots();
        LedgerRef ref = LedgerRef.modelCall(UUID.randomUUID());
        debit(u.id(), 5, LedgerReason.USAGE, ref);
        long entries = services.rows("SELECT id FROM credit_ledger WHERE user_id = ?", u.id()).size();

        assertThat(ledger.append(LedgerAppend.of(u.id(), -5, LedgerReason.USAGE, ref, Instant.now())))
                .isInstanceOf(AppendResult.Duplicate.class);
        assertThat(ledger.append(LedgerAppend.of(u.id(), -146, LedgerReason.USAGE,
                LedgerRef.modelCall(UUID.randomUUID()), Instant.now())))
                .isEqualTo(new AppendResult.Insufficient(145));
        assertThat(services.rows("SELECT id FROM credit_ledger WHERE user_id = ?", u.id())).hasSize((int) entries);
        services.assertConsistent(u.id());
    }

    @Test
    void verify_ledger_reports_the_lot_an_entry_took_from_when_the_entry_names_another() {
        User u = services.twoLots();
        long entry = debit(u.id(), 10, LedgerReason.USAGE, LedgerRef.modelCall(UUID.randomUUID()));
        User other = services.twoLots();
        long foreign = services.lotOf(other.id(), "admin");
        db.jdbi().useHandle(h -> h.execute("UPDATE credit_ledger SET lot_id = ? WHERE user_id = ? AND id = ?",
                foreign, u.id(), entry));

        LedgerReport report = verification.verify(Optional.of(u.id()));
        assertThat(report.mismatches()).singleElement()
                .satisfies(v -> assertThat(v.firstBadLot()).isEqualTo(services.lotOf(u.id(), "signup_bonus")));
    }
}
