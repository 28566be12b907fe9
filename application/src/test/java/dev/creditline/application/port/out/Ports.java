package dev.creditline.application.port.out;

import dev.creditline.application.port.out.analytics.UsageStatsRepository;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.billing.BillingEventInbox;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import dev.creditline.application.port.out.billing.SubscriptionMarkRepository;

/**
 * One implementation of every outbound port the contract tests cover, over one store: the
 * in-memory fakes ({@code InMemoryPorts}) or the JDBI adapters on PostgreSQL ({@code JdbiPorts}).
 */
public interface Ports {

    TransactionPort tx();

    UserRepository users();

    LedgerRepository ledger();

    ModelCallRepository calls();

    UsageStatsRepository stats();

    HoldRepository holds();

    IdempotencyKeyRepository keys();

    BillingAccountRepository billingAccounts();

    CheckoutAttemptRepository attempts();

    PaidGrantRepository grants();

    DisputeRepository disputes();

    SubscriptionMarkRepository subscriptionMarks();

    BillingEventInbox inbox();
}
