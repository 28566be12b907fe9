package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.in.GrantCreditsUseCase.GrantCommand;
import dev.creditline.application.port.in.VerifyLedgerUseCase.LedgerReport;
import dev.creditline.application.service.CreditService;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.application.service.MicrosecondClock;
import dev.creditline.application.service.UserService;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.user.NewUser;
import dev.creditline.domain.user.User;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's services wired on a fresh, migrated PostgreSQL database, for tests of the ledger and
 * its lots: users get the 100-credit signup bonus.
 */
record LedgerServices(Database db, JdbiLedgerRepository ledger, UserService users, CreditService credits,
                      LedgerVerificationService verification) implements AutoCloseable {

    static LedgerServices open() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        Database db = Database.open(t.jdbcUrl(), t.user(), t.password(), 60);
        db.migrate();
        JdbiTransactions tx = db.transactions();
        JdbiUserRepository userRepo = new JdbiUserRepository(tx);
        JdbiLedgerRepository ledger = new JdbiLedgerRepository(tx);
        return new LedgerServices(db, ledger,
                new UserService(tx, userRepo, ledger, MicrosecondClock.of(Clock.systemUTC()), 100),
                new CreditService(tx, userRepo, ledger, MicrosecondClock.of(Clock.systemUTC())),
                new LedgerVerificationService(ledger));
    }

    /** A new user with a random e-mail (and the signup bonus). */
    User newUser() {
        return users.createUser(new NewUser(UUID.randomUUID() + "@example.com", null, null, null));
    }

    /** A new user with the 100-credit signup bonus lot (priority 20) and a 50-credit admin lot (priority 30). */
    User twoLots() {
        User u = newUser();
        credits.grant(new GrantCommand(u.id(), 50, LedgerReason.ADMIN_ADJUSTMENT,
                LedgerRef.manual(UUID.randomUUID().toString())));
        return u;
    }

    /** The rows of {@code sql} with positional arguments, as column → value maps. */
    List<Map<String, Object>> rows(String sql, Object... args) {
        return db.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapToMap().list();
        });
    }

    /** The id of the user's (first) lot of {@code category}. */
    long lotOf(UUID user, String category) {
        return (Long) rows("SELECT id FROM credit_lots WHERE user_id = ? AND category = ? ORDER BY id", user, category)
                .get(0).get("id");
    }

    /** verify-ledger of the one user finds nothing wrong (ledger and lots). */
    void assertConsistent(UUID user) {
        LedgerReport report = verification.verify(Optional.of(user));
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.checked()).isEqualTo(1);
    }

    @Override
    public void close() {
        db.close();
    }
}
