package dev.creditline.application.testing;

import dev.creditline.application.port.out.HoldRepository;
import dev.creditline.application.port.out.IdempotencyKeyRepository;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.ModelCallRepository;
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

/** The in-memory fakes of the outbound ports over one {@link InMemoryDatabase}. */
public final class InMemoryPorts implements Ports {

    private final InMemoryDatabase db;

    public InMemoryPorts(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public TransactionPort tx() {
        return db;
    }

    @Override
    public UserRepository users() {
        return new InMemoryUserRepository(db);
    }

    @Override
    public LedgerRepository ledger() {
        return new InMemoryLedgerRepository(db);
    }

    @Override
    public ModelCallRepository calls() {
        return new InMemoryModelCallRepository(db);
    }

    @Override
    public UsageStatsRepository stats() {
        return new InMemoryUsageStatsRepository(db);
    }

    @Override
    public HoldRepository holds() {
        return new InMemoryHoldRepository(db);
    }

    @Override
    public IdempotencyKeyRepository keys() {
        return new InMemoryIdempotencyKeyRepository(db);
    }

    @Override
    public BillingAccountRepository billingAccounts() {
        return new InMemoryBillingAccountRepository(db);
    }

    @Override
    public CheckoutAttemptRepository attempts() {
        return new InMemoryCheckoutAttemptRepository(db);
    }

    @Override
    public PaidGrantRepository grants() {
        return new InMemoryPaidGrantRepository(db);
    }

    @Override
    public DisputeRepository disputes() {
        return new InMemoryDisputeRepository(db);
    }

    @Override
    public SubscriptionMarkRepository subscriptionMarks() {
        return new InMemorySubscriptionMarkRepository(db);
    }

    @Override
    public BillingEventInbox inbox() {
        return new InMemoryBillingEventInbox(db);
    }
}
