package dev.creditline.persistence;

import dev.creditline.domain.billing.SubscriptionStatus;
import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.application.port.out.billing.BillingAccountRepository;
import dev.creditline.application.port.out.events.EventData;
import dev.creditline.domain.event.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link BillingAccountRepository} on the billing columns of {@code users}.
 */
public final class JdbiBillingAccountRepository implements BillingAccountRepository {

    private static final String ACCOUNT_SQL = Sql.load("billing/account.sql");
    private static final String LOCK_ACCOUNT_SQL = ACCOUNT_SQL + " FOR UPDATE";
    private static final String USER_BY_CUSTOMER_SQL = Sql.load("billing/user-by-customer.sql");
    private static final String SET_CUSTOMER_IF_ABSENT_SQL = Sql.load("billing/set-customer-if-absent.sql");
    private static final String CUSTOMER_IS_SQL = Sql.load("billing/customer-is.sql");
    private static final String UPDATE_SUBSCRIPTION_SQL = Sql.load("billing/update-subscription.sql");
    private static final String UPDATE_SUBSCRIPTION_STATUS_SQL = Sql.load("billing/update-subscription-status.sql");
    private static final String SCHEDULE_CANCEL_SQL = Sql.load("billing/schedule-cancel.sql");
    private static final String END_SUBSCRIPTION_SQL = Sql.load("billing/end-subscription.sql");
    private static final String SUBSCRIPTION_STATE_SQL = Sql.load("billing/subscription-state.sql");

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiBillingAccountRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<BillingAccount> lockAccount(UUID userId) {
        return tx.withHandle(h -> h.createQuery(LOCK_ACCOUNT_SQL)
                .bind("u", userId).map(JdbiBillingAccountRepository::account).findOne());
    }

    @Override
    public Optional<BillingAccount> findAccount(UUID userId) {
        return tx.withHandle(h -> h.createQuery(ACCOUNT_SQL)
                .bind("u", userId).map(JdbiBillingAccountRepository::account).findOne());
    }

    @Override
    public Optional<UUID> userIdByCustomer(String customerId) {
        return tx.withHandle(h -> h.createQuery(USER_BY_CUSTOMER_SQL)
                .bind("c", customerId).mapTo(UUID.class).findOne());
    }

    @Override
    public boolean setCustomerIfAbsent(UUID userId, String customerId) {
        return tx.withHandle(h -> {
            h.createUpdate(SET_CUSTOMER_IF_ABSENT_SQL)
                    .bind("u", userId).bind("c", customerId).execute();
            return h.createQuery(CUSTOMER_IS_SQL)
                    .bind("u", userId).bind("c", customerId).mapTo(Boolean.class).findOne().orElse(false);
        });
    }

    @Override
    public void updateSubscription(UUID userId, String plan, String subscriptionId, SubscriptionStatus status,
                                   boolean cancelAtPeriodEnd, Instant periodEnd, Instant now) {
        subscriptionChange(userId, now, h -> h.createUpdate(UPDATE_SUBSCRIPTION_SQL)
                .bind("u", userId).bind("plan", plan).bind("sub", subscriptionId)
                .bind("status", SubscriptionStatus.storageNameOf(status))
                .bind("cancel", cancelAtPeriodEnd).bind("periodEnd", Rows.ts(periodEnd)).bind("now", Rows.ts(now))
                .execute());
    }

    @Override
    public void updateSubscriptionStatus(UUID userId, SubscriptionStatus status, Instant now) {
        subscriptionChange(userId, now, h -> h.createUpdate(UPDATE_SUBSCRIPTION_STATUS_SQL)
                .bind("u", userId).bind("s", SubscriptionStatus.storageNameOf(status)).bind("now", Rows.ts(now))
                .execute());
    }

    @Override
    public void scheduleCancel(UUID userId, Instant effectiveAt, Instant now) {
        subscriptionChange(userId, now, h -> h.createUpdate(SCHEDULE_CANCEL_SQL)
                .bind("u", userId).bind("at", Rows.ts(effectiveAt)).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void endSubscription(UUID userId, SubscriptionStatus status, Instant now) {
        subscriptionChange(userId, now, h -> h.createUpdate(END_SUBSCRIPTION_SQL)
                .bind("u", userId).bind("s", SubscriptionStatus.storageNameOf(status)).bind("now", Rows.ts(now))
                .execute());
    }

    /** The subscription fields {@code subscription.updated} reports. */
    private record SubscriptionState(String plan, String status, boolean cancelAtPeriodEnd, Instant periodEnd) {
    }

    /**
     * Runs {@code update} of the user's subscription fields and, in the same transaction, emits
     * {@code subscription.updated} when plan, status, cancel-at-period-end or period end changed.
     */
    private void subscriptionChange(UUID userId, Instant now, Function<Handle, Integer> update) {
        tx.inHandleTransaction(h -> {
            Optional<SubscriptionState> before = subscriptionState(h, userId, true);
            update.apply(h);
            Optional<SubscriptionState> after = subscriptionState(h, userId, false);
            if (after.isPresent() && !after.equals(before)) {
                SubscriptionState a = after.get();
                JdbiEventOutbox.emit(h, userId, EventType.SUBSCRIPTION_UPDATED, new EventData.SubscriptionUpdated(
                        a.plan(), a.status(), a.cancelAtPeriodEnd(), a.periodEnd()), now);
            }
            return null;
        });
    }

    private static Optional<SubscriptionState> subscriptionState(Handle h, UUID userId, boolean lock) {
        return h.createQuery(SUBSCRIPTION_STATE_SQL + (lock ? " FOR UPDATE" : ""))
                .bind("u", userId)
                .map((rs, ctx) -> new SubscriptionState(rs.getString("plan"), rs.getString("subscription_status"),
                        rs.getBoolean("subscription_cancel_at_period_end"), Rows.instant(rs, "subscription_period_end")))
                .findOne();
    }

    private static BillingAccount account(ResultSet rs, StatementContext ctx) throws SQLException {
        return new BillingAccount(Rows.uuid(rs, "id"), rs.getString("email"), rs.getString("plan"),
                rs.getLong("credits_balance"), rs.getString("stripe_customer_id"), rs.getString("stripe_subscription_id"),
                SubscriptionStatus.fromStorageName(rs.getString("subscription_status")),
                rs.getBoolean("subscription_cancel_at_period_end"), Rows.instant(rs, "subscription_period_end"),
                Rows.instant(rs, "monthly_credits_granted_at"));
    }
}
