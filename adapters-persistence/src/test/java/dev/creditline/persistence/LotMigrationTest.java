package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migration to lots (lots.md "Migration") on a database filled the way the service wrote it
 * before lots — the same conditional append, the same refs — for users with signup bonuses,
 * allowances, purchases, usage, holds with captures and releases, admin adjustments and refund
 * clawbacks: the ledger verifies before, and ledger and lots verify after.
 */
@DatabaseTest
class LotMigrationTest {

    private static Database db;
    private static final List<UUID> USERS = new ArrayList<>();

    /** Today's append (before lots): conditional insert under the row lock, then the cached balance. */
    private static boolean oldAppend(Handle h, UUID user, long delta, String reason, String refType, String refId,
                                     Instant at) {
        Optional<Long> after = h.createQuery("""
                        INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, created_at)
                        SELECT u.id, :d, u.credits_balance + :d, :reason, :t, :i, :at
                        FROM (SELECT id, credits_balance FROM users WHERE id = :u FOR UPDATE) u
                        WHERE u.credits_balance + :d >= 0
                        ON CONFLICT DO NOTHING RETURNING balance_after""")
                .bind("d", delta).bind("reason", reason).bind("t", refType).bind("i", refId)
                .bind("at", at.atOffset(ZoneOffset.UTC)).bind("u", user).mapTo(Long.class).findOne();
        after.ifPresent(b -> h.execute("UPDATE users SET credits_balance = ? WHERE id = ?", b, user));
        return after.isPresent();
    }

    @BeforeAll
    static void fill() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        db = Database.open(t.jdbcUrl(), t.user(), t.password(), 4);
        // Every migration before the lots (whatever versions below 80 exist), as a database of today.
        Flyway all = Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").load();
        MigrationVersion before = java.util.Arrays.stream(all.info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(MigrationVersion.fromVersion("80")) < 0).max(MigrationVersion::compareTo)
                .orElseThrow();
        Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target(before).load()
                .migrate();
        Random rnd = new Random(11);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int u = 0; u < 40; u++) {
            UUID user = UUID.randomUUID();
            USERS.add(user);
            Instant created = at;
            db.jdbi().useTransaction(h -> {
                h.execute("INSERT INTO users (id, email, plan, credits_balance, created_at, updated_at)"
                        + " VALUES (?, ?, 'free', 0, ?, ?)", user, user + "@example.com", created.atOffset(ZoneOffset.UTC),
                        created.atOffset(ZoneOffset.UTC));
                oldAppend(h, user, 10_000, "signup_bonus", "signup_bonus", user.toString(), created);
            });
            List<String> openHolds = new ArrayList<>();
            for (int step = 0; step < 40; step++) {
                at = at.plus(rnd.nextInt(600) + 1, ChronoUnit.SECONDS);
                Instant now = at;
                int op = rnd.nextInt(9);
                db.jdbi().useTransaction(h -> {
                    switch (op) {
                        case 0 -> oldAppend(h, user, 10_000, "monthly_allowance", "monthly_allowance",
                                "free:" + user + ":" + now.getEpochSecond(), now);
                        case 1 -> oldAppend(h, user, 50_000, "purchase", "stripe_checkout_session",
                                "cs_" + UUID.randomUUID(), now);
                        case 2, 3 -> oldAppend(h, user, -(1 + rnd.nextInt(4_000)), "usage", "model_call",
                                UUID.randomUUID().toString(), now);
                        case 4 -> {
                            String hold = UUID.randomUUID().toString();
                            if (oldAppend(h, user, -(1 + rnd.nextInt(3_000)), "hold", "hold", hold, now)) {
                                openHolds.add(hold);
                            }
                        }
                        case 5 -> {
                            if (!openHolds.isEmpty()) {
                                String hold = openHolds.remove(rnd.nextInt(openHolds.size()));
                                long held = -h.createQuery("SELECT delta FROM credit_ledger WHERE user_id = :u"
                                        + " AND ref_type = 'hold' AND ref_id = :h").bind("u", user).bind("h", hold)
                                        .mapTo(Long.class).one();
                                long give = rnd.nextBoolean() ? held : rnd.nextInt((int) held + 1);
                                if (give > 0) {
                                    oldAppend(h, user, give, "hold_release", "hold_settlement", hold, now);
                                } else {
                                    oldAppend(h, user, -(1 + rnd.nextInt(50)), "hold_capture_adjustment",
                                            "hold_settlement", hold, now);
                                }
                            }
                        }
                        case 6 -> oldAppend(h, user, rnd.nextBoolean() ? 500 : -(1 + rnd.nextInt(500)),
                                "admin_adjustment", "admin", UUID.randomUUID().toString(), now);
                        default -> oldAppend(h, user, -(1 + rnd.nextInt(20_000)), "refund_clawback", "stripe_refund",
                                "re_" + UUID.randomUUID(), now);
                    }
                });
            }
        }
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void the_ledger_verifies_before_and_ledger_and_lots_verify_after_the_migration() {
        long badBefore = db.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM users u WHERE u.credits_balance <> (SELECT coalesce(sum(delta), 0)
                    FROM credit_ledger l WHERE l.user_id = u.id)
                  OR EXISTS (SELECT 1 FROM (SELECT balance_after, sum(delta) OVER (ORDER BY id) AS running
                             FROM credit_ledger l WHERE l.user_id = u.id) x WHERE x.balance_after <> x.running)""")
                .mapTo(Long.class).one());
        assertThat(badBefore).isZero();
        long grants = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM credit_ledger WHERE delta > 0"
                + " AND reason NOT IN ('hold_release', 'hold_capture_adjustment')").mapTo(Long.class).one());

        db.migrate();

        var report = new LedgerVerificationService(new JdbiLedgerRepository(db.transactions())).verify(Optional.empty());
        assertThat(report.checked()).isEqualTo(USERS.size());
        assertThat(report.mismatches()).isEmpty();
        long lots = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM credit_lots WHERE category <> 'admin'"
                + " OR entry_id IN (SELECT id FROM credit_ledger WHERE reason = 'admin_adjustment')")
                .mapTo(Long.class).one());
        assertThat(lots).isEqualTo(grants);

        // The migrated lots carry on: a debit of each user's whole balance empties every lot.
        JdbiLedgerRepository ledger = new JdbiLedgerRepository(db.transactions());
        for (UUID user : USERS) {
            long balance = db.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                    .bind("u", user).mapTo(Long.class).one());
            if (balance > 0) {
                AppendResult r = db.transactions().inTransaction(() -> ledger.append(LedgerAppend.of(user, -balance,
                        LedgerReason.USAGE, LedgerRef.modelCall(UUID.randomUUID()), Instant.now())));
                assertThat(r).isInstanceOf(AppendResult.Appended.class);
            }
        }
        long left = db.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(sum(remaining), 0) FROM credit_lots")
                .mapTo(Long.class).one());
        assertThat(left).isZero();
        assertThat(new LedgerVerificationService(ledger).verify(Optional.empty()).mismatches()).isEmpty();
    }
}
