package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.Lot;
import dev.creditline.domain.lot.LotBook;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.domain.lot.Rollover;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of grant / debit / hold / release / expiry / void / refund run against
 * PostgreSQL and against the plain in-memory model of lots.md ({@link LotBook}) give the same
 * lots, balance, debt and ledger after every step (lots.md "Burn order": deterministic).
 */
@DatabaseTest
class LotsAgainstModelTest {

    private static Database db;
    private static JdbiLedgerRepository ledger;
    private static JdbiLotRepository lots;

    @BeforeAll
    static void start() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        db = Database.open(t.jdbcUrl(), t.user(), t.password(), 4);
        db.migrate();
        ledger = new JdbiLedgerRepository(db.transactions());
        lots = new JdbiLotRepository(db.transactions());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void every_sequence_gives_the_allocations_the_model_dictates() {
        for (int seed = 1; seed <= 12; seed++) {
            run(new Random(seed));
        }
        assertThat(new LedgerVerificationService(ledger).verify(Optional.empty()).mismatches()).isEmpty();
    }

    private static void run(Random rnd) {
        UUID user = UUID.randomUUID();
        Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
        db.jdbi().useHandle(h -> h.execute("INSERT INTO users (id, email, created_at, updated_at) VALUES (?, ?, ?, ?)",
                user, user + "@example.com", t0.atOffset(ZoneOffset.UTC), t0.atOffset(ZoneOffset.UTC)));
        LotBook model = new LotBook();
        Map<String, Long> holdEntries = new HashMap<>();   // hold id -> model entry id
        Map<String, Long> holdOut = new HashMap<>();       // hold id -> credits still held
        List<String> purchases = new ArrayList<>();        // purchase refs, index = model lot id - 1 via map
        Map<String, Long> purchaseLot = new HashMap<>();
        Instant now = t0;
        List<String> done = new ArrayList<>();
        for (int step = 0; step < 50; step++) {
            now = now.plus(Duration.ofMinutes(1 + rnd.nextInt(40)));
            Instant at = now;
            int op = rnd.nextInt(9);
            String what = null;
            if (op <= 1) {
                LotCategory c = List.of(LotCategory.PROMOTION, LotCategory.ADMIN, LotCategory.PURCHASE,
                        LotCategory.ALLOWANCE).get(rnd.nextInt(4));
                Instant exp = rnd.nextBoolean() ? null : at.plus(Duration.ofMinutes(10 + rnd.nextInt(200)));
                Integer prio = rnd.nextInt(3) == 0 ? rnd.nextInt(101) : null;
                long amount = 1 + rnd.nextInt(300);
                String ref = "g" + step;
                what = "grant " + c + " " + amount;
                // an expiring allowance may carry part of what it leaves into a rollover lot
                Rollover rollover = c == LotCategory.ALLOWANCE && exp != null && rnd.nextBoolean()
                        ? new Rollover(1 + rnd.nextInt(200), exp.plus(Duration.ofMinutes(10 + rnd.nextInt(200))))
                        : null;
                long lot = model.grant(LedgerReason.PROMOTION, c, amount, prio, exp, rollover, at);
                append(new LedgerAppend(user, amount, LedgerReason.PROMOTION, new LedgerRef(c == LotCategory.PURCHASE
                        ? "stripe_checkout_session" : "promotion", ref), null, null, at,
                        new LotTerms.Grant(c, prio, exp, rollover)));
                if (c == LotCategory.PURCHASE) {
                    purchases.add(ref);
                    purchaseLot.put(ref, lot);
                }
            } else if (op <= 3) {
                long amount = 1 + rnd.nextInt(200);
                what = "debit " + amount;
                boolean ok = debitModel(model, LedgerReason.USAGE, amount, at) > 0;
                AppendResult r = append(LedgerAppend.of(user, -amount, LedgerReason.USAGE,
                        LedgerRef.modelCall(UUID.randomUUID()), at));
                assertThat(r instanceof AppendResult.Appended).as(what).isEqualTo(ok);
            } else if (op == 4) {
                long amount = 1 + rnd.nextInt(150);
                String hold = UUID.randomUUID().toString();
                what = "hold " + amount;
                long entry = debitModel(model, LedgerReason.HOLD, amount, at);
                AppendResult r = append(LedgerAppend.of(user, -amount, LedgerReason.HOLD, new LedgerRef("hold", hold), at));
                assertThat(r instanceof AppendResult.Appended).as(what).isEqualTo(entry > 0);
                if (entry > 0) {
                    holdEntries.put(hold, entry);
                    holdOut.put(hold, amount);
                }
            } else if (op == 5 && !holdOut.isEmpty()) {
                String hold = new ArrayList<>(holdOut.keySet()).get(rnd.nextInt(holdOut.size()));
                long give = 1 + rnd.nextInt(holdOut.get(hold).intValue());
                what = "release " + give;
                model.giveBack(LedgerReason.HOLD_RELEASE, holdEntries.get(hold), give, at);
                append(LedgerAppend.of(user, give, LedgerReason.HOLD_RELEASE,
                        new LedgerRef("hold_settlement", hold + ":" + step), at));
                holdOut.merge(hold, -give, Long::sum);
                holdOut.remove(hold, 0L);
            } else if (op == 6) {
                what = "expire";
                model.expireDue(at);
                db.transactions().inTransaction(() -> lots.expireDue(user, at));
            } else if (op == 7 && !model.lots().isEmpty()) {
                int index = rnd.nextInt(model.lots().size());
                what = "void #" + index;
                model.voidLot(model.lots().get(index).id(), at);
                long dbLot = dbLots(user).get(index).id();
                db.transactions().inTransaction(() -> lots.voidLot(user, dbLot, at));
            } else {
                long amount = 1 + rnd.nextInt(300);
                String ref = purchases.isEmpty() ? null : purchases.get(rnd.nextInt(purchases.size()));
                boolean forgive = rnd.nextInt(4) == 0;
                what = "clawback " + amount;
                model.clawback(amount, ref == null ? null : purchaseLot.get(ref), forgive, at);
                db.transactions().inTransaction(() -> {
                    lots.expireDue(user, at);
                    long balance = db.transactions().withHandle(h -> h.createQuery(
                            "SELECT credits_balance FROM users WHERE id = :u").bind("u", user).mapTo(Long.class).one());
                    long take = Math.min(amount, balance);
                    if (take > 0) {
                        append(LedgerAppend.of(user, -take, LedgerReason.REFUND_CLAWBACK,
                                new LedgerRef("stripe_refund", UUID.randomUUID().toString()), at)
                                .withLots(new LotTerms.Burn(ref == null ? null
                                        : new LedgerRef("stripe_checkout_session", ref))));
                    }
                    if (!forgive && amount > take) {
                        lots.addDebt(user, amount - take);
                    }
                });
            }
            done.add(what == null ? "nothing" : what);
            String where = "steps " + done;
            assertThat(balance(user)).as(where).isEqualTo(model.balance());
            assertThat(lots.debt(user).orElseThrow()).as(where).isEqualTo(model.debt());
            List<Lot> actual = dbLots(user);
            List<Lot> expected = model.lots();
            assertThat(actual).as(where).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).remaining()).as(where + " lot " + i).isEqualTo(expected.get(i).remaining());
                assertThat(actual.get(i).status()).as(where + " lot " + i + " db " + actual.get(i) + " model " + expected.get(i)).isEqualTo(expected.get(i).status());
            }
            long entries = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM credit_ledger WHERE user_id = :u")
                    .bind("u", user).mapTo(Long.class).one());
            assertThat(entries).as(where).isEqualTo(model.entries().stream().filter(e -> e.delta() != 0).count());
        }
    }

    /** The model's debit; 0 when refused. */
    private static long debitModel(LotBook model, LedgerReason reason, long amount, Instant at) {
        try {
            return model.debit(reason, amount, at);
        } catch (InsufficientCreditsException e) {
            return 0;
        }
    }

    private static AppendResult append(LedgerAppend a) {
        return db.transactions().inTransaction(() -> ledger.append(a));
    }

    private static long balance(UUID user) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    private static List<Lot> dbLots(UUID user) {
        List<Lot> all = new ArrayList<>(lots.lots(user, 10_000));
        all.sort((a, b) -> Long.compare(a.id(), b.id()));
        return all;
    }
}
