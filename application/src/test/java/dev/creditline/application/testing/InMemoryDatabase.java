package dev.creditline.application.testing;

import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.domain.hold.Hold;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.metering.ModelCall;
import dev.creditline.domain.user.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory stand-in for PostgreSQL behind the application's fakes: the tables the fakes
 * share (users, ledger, model calls, holds, idempotency keys, the stats cache) and a
 * {@link TransactionPort} over them.
 *
 * <p>Transactions are serialised (one at a time, a call inside a running one joins it) and
 * atomic: a transaction that throws leaves the tables as they were before it. That is stricter
 * than PostgreSQL's READ COMMITTED, and the outcomes the port contracts promise under
 * concurrency (one claim of a key wins, a balance never goes negative) are the serial ones.
 * Every fake method runs in a transaction of its own when the caller has none, as a JDBI
 * statement runs in autocommit.
 */
public final class InMemoryDatabase implements TransactionPort {

    private final ReentrantLock lock = new ReentrantLock(true);
    private Tables tables = new Tables();
    private int transactions;

    /** The tables; read and write them only inside {@link #inTransaction}. */
    Tables tables() {
        return tables;
    }

    /** How many outermost transactions have run (committed or not). */
    public int transactions() {
        return transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (lock.isHeldByCurrentThread()) {
            return work.get();
        }
        lock.lock();
        try {
            transactions++;
            Tables before = tables.copy();
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                tables = before;
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Rows of every table; records are immutable, so a copy of the collections is a snapshot. */
    static final class Tables {
        final Map<UUID, User> users = new LinkedHashMap<>();
        final Map<List<String>, UUID> accounts = new LinkedHashMap<>();
        final List<LedgerEntry> ledger = new ArrayList<>();
        long ledgerSequence;
        final List<ModelCall> modelCalls = new ArrayList<>();
        final Map<UUID, HoldRow> holds = new LinkedHashMap<>();
        final Map<List<String>, KeyRow> idempotencyKeys = new LinkedHashMap<>();
        /** Cached stats periods by (user, start, end): their rows. */
        final Map<StatPeriod, List<dev.creditline.application.port.out.analytics.StatRow>> statPeriods =
                new LinkedHashMap<>();

        /** Billing columns of users that {@link User} does not carry, by user. */
        final Map<UUID, BillingColumns> billingColumns = new LinkedHashMap<>();
        final Map<UUID, dev.creditline.application.port.out.billing.CheckoutAttempt> attempts = new LinkedHashMap<>();
        /** Paid grants by (kind, key); packs also in {@link #purchases}. */
        final Map<List<String>, dev.creditline.application.port.out.billing.PaidGrant> grants = new LinkedHashMap<>();
        final Map<String, dev.creditline.application.port.out.billing.PackPurchase> purchases = new LinkedHashMap<>();
        final Map<String, EarlyRefund> earlyRefunds = new LinkedHashMap<>();
        final Map<String, dev.creditline.application.port.out.billing.StoredDispute> disputes = new LinkedHashMap<>();
        final Map<String, dev.creditline.application.port.out.billing.SubscriptionMark> subscriptionMarks =
                new LinkedHashMap<>();
        final Map<String, dev.creditline.domain.billing.StoredBillingEvent> events =
                new LinkedHashMap<>();

        Tables copy() {
            Tables t = new Tables();
            t.users.putAll(users);
            t.accounts.putAll(accounts);
            t.ledger.addAll(ledger);
            t.ledgerSequence = ledgerSequence;
            t.modelCalls.addAll(modelCalls);
            t.holds.putAll(holds);
            t.idempotencyKeys.putAll(idempotencyKeys);
            t.statPeriods.putAll(statPeriods);
            t.billingColumns.putAll(billingColumns);
            t.attempts.putAll(attempts);
            t.grants.putAll(grants);
            t.purchases.putAll(purchases);
            t.earlyRefunds.putAll(earlyRefunds);
            t.disputes.putAll(disputes);
            t.subscriptionMarks.putAll(subscriptionMarks);
            t.events.putAll(events);
            return t;
        }
    }

    /** A hold row: the domain hold and the columns the domain record does not carry. */
    record HoldRow(Hold hold, String ref, long released, long shortfall) {
    }

    /** An idempotency key row; {@code status} and {@code body} are null until completed. */
    record KeyRow(String requestHash, dev.creditline.domain.metering.IdempotentOutcome outcome, java.time.Instant createdAt) {
    }

    /** {@code subscription_cancel_at_period_end} and {@code subscription_period_end} of a user. */
    record BillingColumns(boolean cancelAtPeriodEnd, java.time.Instant periodEnd) {
        static final BillingColumns NONE = new BillingColumns(false, null);
    }

    /** A refund event whose payment had no grant yet. */
    record EarlyRefund(String eventId, String paymentIntentId, String chargeId, String invoiceId,
                       java.time.Instant eventCreated) {
    }

    /** A cached stats period of one user. */
    record StatPeriod(UUID userId, java.time.Instant start, java.time.Instant end, boolean day) {
    }
}
