package dev.creditline.application.testing;

import dev.creditline.application.port.out.BillingPortsContractTest;
import dev.creditline.application.port.out.HoldRepositoryContractTest;
import dev.creditline.application.port.out.IdempotencyKeyRepositoryContractTest;
import dev.creditline.application.port.out.LedgerRepositoryContractTest;
import dev.creditline.application.port.out.Ports;
import dev.creditline.application.port.out.UsageStatsRepositoryContractTest;
import dev.creditline.application.port.out.UserRepositoryContractTest;
import org.junit.jupiter.api.Nested;

/**
 * The in-memory fakes held to the port contracts that PostgreSQL's adapters pass too
 * ({@code JdbiPortsContractTest} in adapters-persistence), so a fake cannot drift from the database.
 * One fresh in-memory database per test.
 */
class InMemoryPortsContractTests {

    private final Ports ports = new InMemoryPorts(new InMemoryDatabase());

    @Nested
    class Ledger extends LedgerRepositoryContractTest {
        @Override
        protected Ports ports() {
            return ports;
        }
    }

    @Nested
    class Users extends UserRepositoryContractTest {
        @Override
        protected Ports ports() {
            return ports;
        }
    }

    @Nested
    class IdempotencyKeys extends IdempotencyKeyRepositoryContractTest {
        @Override
        protected Ports ports() {
            return ports;
        }
    }

    @Nested
    class UsageStats extends UsageStatsRepositoryContractTest {
        @Override
        protected Ports ports() {
            return ports;
        }
    }

    @Nested
    class Holds extends HoldRepositoryContractTest {
        @Override
        protected Ports ports() {
            return ports;
        }
    }

    @Nested
    class Billing extends BillingPortsContractTest {
        @Override
        protected Ports ports() {
            return ports;
        }
    }
}
