package dev.creditline.application.testing;

import dev.creditline.application.port.out.PortContracts;
import dev.creditline.application.port.out.Ports;

/**
 * The in-memory fakes held to the port contracts that PostgreSQL's adapters pass too
 * ({@code JdbiPortsContractTest} in adapters-persistence), so a fake cannot drift from the database.
 * One fresh in-memory database per test.
 */
class InMemoryPortsContractTests extends PortContracts {

    private final Ports ports = new InMemoryPorts(new InMemoryDatabase());

    @Override
    protected Ports ports() {
        return ports;
    }
}
