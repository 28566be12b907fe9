package dev.creditline.application.testing;

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
import dev.creditline.application.port.out.BillingPortsContractTest;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.BillingEventInbox;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;
import org.junit.jupiter.api.Nested;

/**
 * The in-memory fakes held to the port contracts that PostgreSQL's adapters pass too
 * ({@code JdbiPortsContractTest} in adapters-persistence), so a fake cannot drift from the database.
 */
class InMemoryPortsContractTests {

    private final InMemoryDatabase db = new InMemoryDatabase();

    @Nested
    class Ledger extends LedgerRepositoryContractTest {
        @Override
        protected TransactionPort tx() {
            return db;
        }

        @Override
        protected UserRepository users() {
            return new InMemoryUserRepository(db);
        }

        @Override
        protected LedgerRepository ledger() {
            return new InMemoryLedgerRepository(db);
        }
    }

    @Nested
    class Users extends UserRepositoryContractTest {
        @Override
        protected UserRepository users() {
            return new InMemoryUserRepository(db);
        }

        @Override
        protected LedgerRepository ledger() {
            return new InMemoryLedgerRepository(db);
        }
    }

    @Nested
    class IdempotencyKeys extends IdempotencyKeyRepositoryContractTest {
        @Override
        protected TransactionPort tx() {
            return db;
        }

        @Override
        protected IdempotencyKeyRepository keys() {
            return new InMemoryIdempotencyKeyRepository(db);
        }
    }

    @Nested
    class UsageStats extends UsageStatsRepositoryContractTest {
        @Override
        protected TransactionPort tx() {
            return db;
        }

        @Override
        protected UserRepository users() {
            return new InMemoryUserRepository(db);
        }

        @Override
        protected ModelCallRepository calls() {
            return new InMemoryModelCallRepository(db);
        }

        @Override
        protected UsageStatsRepository stats() {
            return new InMemoryUsageStatsRepository(db);
        }
    }

    @Nested
    class Billing extends BillingPortsContractTest {
        @Override
        protected TransactionPort tx() {
            return db;
        }

        @Override
        protected UserRepository users() {
            return new InMemoryUserRepository(db);
        }

        @Override
        protected BillingAccountRepository accounts() {
            return new InMemoryBillingAccountRepository(db);
        }

        @Override
        protected CheckoutAttemptRepository attempts() {
            return new InMemoryCheckoutAttemptRepository(db);
        }

        @Override
        protected PaidGrantRepository grants() {
            return new InMemoryPaidGrantRepository(db);
        }

        @Override
        protected DisputeRepository disputes() {
            return new InMemoryDisputeRepository(db);
        }

        @Override
        protected SubscriptionMarkRepository marks() {
            return new InMemorySubscriptionMarkRepository(db);
        }

        @Override
        protected BillingEventInbox inbox() {
            return new InMemoryBillingEventInbox(db);
        }
    }

    @Nested
    class Holds extends HoldRepositoryContractTest {
        @Override
        protected UserRepository users() {
            return new InMemoryUserRepository(db);
        }

        @Override
        protected HoldRepository holds() {
            return new InMemoryHoldRepository(db);
        }
    }
}
