package dev.creditline.application.port.out;

import org.junit.jupiter.api.Nested;

/**
 * Every port contract, for one set of implementations: a subclass gives {@link #ports()} and
 * JUnit runs each contract as a nested class of it ({@code InMemoryPortsContractTests} in the
 * application, {@code JdbiPortsContractTest} in adapters-persistence).
 */
public abstract class PortContracts {

    /** The implementations under test; the contracts use fresh users and keys, so one store may serve all. */
    protected abstract Ports ports();

    @Nested
    class Ledger extends LedgerRepositoryContractTest {
        @Override
        protected Ports ports() {
            return PortContracts.this.ports();
        }
    }

    @Nested
    class Users extends UserRepositoryContractTest {
        @Override
        protected Ports ports() {
            return PortContracts.this.ports();
        }
    }

    @Nested
    class IdempotencyKeys extends IdempotencyKeyRepositoryContractTest {
        @Override
        protected Ports ports() {
            return PortContracts.this.ports();
        }
    }

    @Nested
    class UsageStats extends UsageStatsRepositoryContractTest {
        @Override
        protected Ports ports() {
            return PortContracts.this.ports();
        }
    }

    @Nested
    class Holds extends HoldRepositoryContractTest {
        @Override
        protected Ports ports() {
            return PortContracts.this.ports();
        }
    }

    @Nested
    class Billing extends BillingPortsContractTest {
        @Override
        protected Ports ports() {
            return PortContracts.this.ports();
        }
    }
}
