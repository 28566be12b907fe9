package dev.creditline.persistence;

import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.application.port.out.HoldRepository;
import dev.creditline.application.port.out.IdempotencyKeyRepository;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.ModelCallRepository;
import dev.creditline.application.port.out.PortContracts;
import dev.creditline.application.port.out.Ports;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
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

/**
 * The JDBI adapters on PostgreSQL held to the port contracts of the application's test-jar, the
 * same contracts its in-memory fakes pass ({@code InMemoryPortsContractTests}). One migrated
 * database for the class; the contracts use fresh users and keys, so they do not see each other.
 */
@DatabaseTest
class JdbiPortsContractTest extends PortContracts {

    private static Database db;
    private static Ports ports;

    @BeforeAll
    static void start() {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        db = Database.open(t.jdbcUrl(), t.user(), t.password(), 10);
        db.migrate();
        ports = new JdbiPorts(db.transactions());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Override
    protected Ports ports() {
        return ports;
    }

    /** The JDBI adapters over one transaction context. */
    private record JdbiPorts(JdbiTransactions tx) implements Ports {
        @Override
        public UserRepository users() {
            return new JdbiUserRepository(tx);
        }

        @Override
        public LedgerRepository ledger() {
            return new JdbiLedgerRepository(tx);
        }

        @Override
        public ModelCallRepository calls() {
            return new JdbiModelCallRepository(tx);
        }

        @Override
        public UsageStatsRepository stats() {
            return new JdbiUsageStatsRepository(tx);
        }

        @Override
        public HoldRepository holds() {
            return new JdbiHoldRepository(tx);
        }

        @Override
        public IdempotencyKeyRepository keys() {
            return new JdbiIdempotencyKeyRepository(tx);
        }

        @Override
        public BillingAccountRepository billingAccounts() {
            return new JdbiBillingAccountRepository(tx);
        }

        @Override
        public CheckoutAttemptRepository attempts() {
            return new JdbiCheckoutAttemptRepository(tx);
        }

        @Override
        public PaidGrantRepository grants() {
            return new JdbiPaidGrantRepository(tx);
        }

        @Override
        public DisputeRepository disputes() {
            return new JdbiDisputeRepository(tx);
        }

        @Override
        public SubscriptionMarkRepository subscriptionMarks() {
            return new JdbiSubscriptionMarkRepository(tx);
        }

        @Override
        public BillingEventInbox inbox() {
            return new JdbiBillingEventInbox(tx);
        }
    }
}
