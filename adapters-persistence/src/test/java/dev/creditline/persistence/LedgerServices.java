package dev.creditline.persistence;

import dev.creditline.application.service.CreditService;
import dev.creditline.application.service.LedgerVerificationService;
import dev.creditline.application.service.MicrosecondClock;
import dev.creditline.application.service.UserService;
import dev.creditline.domain.user.NewUser;
import dev.creditline.domain.user.User;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.time.Clock;
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

    @Override
    public void close() {
        db.close();
    }
}
