package dev.creditline.persistence;

import dev.creditline.application.port.out.BillingPortsContractTest;
import dev.creditline.application.port.out.HoldRepository;
import dev.creditline.application.port.out.HoldRepositoryContractTest;
import dev.creditline.application.port.out.IdempotencyKeyRepository;
import dev.creditline.application.port.out.IdempotencyKeyRepositoryContractTest;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LedgerRepositoryContractTest;
import dev.creditline.application.port.out.ModelCallRepository;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UsageStatsRepositoryContractTest;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.application.port.out.UserRepositoryContractTest;
import dev.creditline.application.port.out.analytics.UsageStatsRepository;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.BillingEventInbox;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The JDBI adapters on PostgreSQL held to the port contracts of the application's test-jar, the
 * same contracts its in-memory fakes pass ({@code InMemoryPortsContractTests}).
 */
class JdbiPortsContractTest {

    private static Database db;
    private static JdbiTransactions tx;

    @BeforeAll
    static void start() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        db = Database.open(t.jdbcUrl(), t.user(), t.password(), 10);
        db.migrate();
        tx = db.transactions();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Nested
    class Ledger extends LedgerRepositoryContractTest {
        @Override
        protected TransactionPort tx() {
            return tx;
        }

        @Override
        protected UserRepository users() {
            return new JdbiUserRepository(tx);
        }

        @Override
        protected LedgerRepository ledger() {
            return new JdbiLedgerRepository(tx);
        }
    }

    @Nested
    class Users extends UserRepositoryContractTest {
        @Override
        protected UserRepository users() {
            return new JdbiUserRepository(tx);
        }

        @Override
        protected LedgerRepository ledger() {
            return new JdbiLedgerRepository(tx);
        }
    }

    @Nested
    class IdempotencyKeys extends IdempotencyKeyRepositoryContractTest {
        @Override
        protected TransactionPort tx() {
            return tx;
        }

        @Override
        protected IdempotencyKeyRepository keys() {
            return new JdbiIdempotencyKeyRepository(tx);
        }
    }

    @Nested
    class UsageStats extends UsageStatsRepositoryContractTest {
        @Override
        protected TransactionPort tx() {
            return tx;
        }

        @Override
        protected UserRepository users() {
            return new JdbiUserRepository(tx);
        }

        @Override
        protected ModelCallRepository calls() {
            return new JdbiModelCallRepository(tx);
        }

        @Override
        protected UsageStatsRepository stats() {
            return new JdbiUsageStatsRepository(tx);
        }
    }

    @Nested
    class Billing extends BillingPortsContractTest {
        @Override
        protected TransactionPort tx() {
            return tx;
        }

        @Override
        protected UserRepository users() {
            return new JdbiUserRepository(tx);
        }

        @Override
        protected BillingAccountRepository accounts() {
            return new JdbiBillingAccountRepository(tx);
        }

        @Override
        protected CheckoutAttemptRepository attempts() {
            return new JdbiCheckoutAttemptRepository(tx);
        }

        @Override
        protected PaidGrantRepository grants() {
            return new JdbiPaidGrantRepository(tx);
        }

        @Override
        protected DisputeRepository disputes() {
            return new JdbiDisputeRepository(tx);
        }

        @Override
        protected SubscriptionMarkRepository marks() {
            return new JdbiSubscriptionMarkRepository(tx);
        }

        @Override
        protected BillingEventInbox inbox() {
            return new JdbiBillingEventInbox(tx);
        }
    }

    @Nested
    class Holds extends HoldRepositoryContractTest {
        @Override
        protected UserRepository users() {
            return new JdbiUserRepository(tx);
        }

        @Override
        protected HoldRepository holds() {
            return new JdbiHoldRepository(tx);
        }
    }
}
