package dev.creditline.persistence;

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

    private static final String ACCOUNT_COLUMNS = "id, email, plan, credits_balance, stripe_customer_id, "
            + "stripe_subscription_id, subscription_status, subscription_cancel_at_period_end, "
            + "subscription_period_end, monthly_credits_granted_at";

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiBillingAccountRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<BillingAccount> lockAccount(UUID userId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM users WHERE id = :u FOR UPDATE")
                .bind("u", userId).map(JdbiBillingAccountRepository::account).findOne());
    }

    @Override
    public Optional<BillingAccount> findAccount(UUID userId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM users WHERE id = :u")
                .bind("u", userId).map(JdbiBillingAccountRepository::account).findOne());
    }

    @Override
    public Optional<UUID> userIdByCustomer(String customerId) {
        return tx.withHandle(h -> h.createQuery("SELECT id FROM users WHERE stripe_customer_id = :c")
                .bind("c", customerId).mapTo(UUID.class).findOne());
    }

    @Override
    public boolean setCustomerIfAbsent(UUID userId, String customerId) {
        return tx.withHandle(h -> {
            h.createUpdate("""
                            UPDATE users SET stripe_customer_id = :c
                            WHERE id = :u AND stripe_customer_id IS NULL
                              AND NOT EXISTS (SELECT 1 FROM users o WHERE o.stripe_customer_id = :c)""")
                    .bind("u", userId).bind("c", customerId).execute();
            return h.createQuery("SELECT stripe_customer_id = :c FROM users WHERE id = :u")
                    .bind("u", userId).bind("c", customerId).mapTo(Boolean.class).findOne().orElse(false);
        });
    }

    @Override
    public void updateSubscription(UUID userId, String plan, String subscriptionId, String status,
                                   boolean cancelAtPeriodEnd, Instant periodEnd, Instant now) {
        subscriptionChange(userId, now, h -> h.createUpdate("""
                        UPDATE users SET plan = :plan, stripe_subscription_id = :sub, subscription_status = :status,
                            subscription_cancel_at_period_end = :cancel,
                            subscription_period_end = COALESCE(:periodEnd, subscription_period_end),
                            updated_at = :now
                        WHERE id = :u""")
                .bind("u", userId).bind("plan", plan).bind("sub", subscriptionId).bind("status", status)
                .bind("cancel", cancelAtPeriodEnd).bind("periodEnd", Rows.ts(periodEnd)).bind("now", Rows.ts(now))
                .execute());
    }

    @Override
    public void updateSubscriptionStatus(UUID userId, String status, Instant now) {
        subscriptionChange(userId, now, h -> h.createUpdate("UPDATE users SET subscription_status = :s, updated_at = :now WHERE id = :u")
                .bind("u", userId).bind("s", status).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void scheduleCancel(UUID userId, Instant effectiveAt, Instant now) {
        subscriptionChange(userId, now, h -> h.createUpdate("""
                        UPDATE users SET subscription_cancel_at_period_end = true,
                            subscription_period_end = COALESCE(:at, subscription_period_end), updated_at = :now
                        WHERE id = :u""")
                .bind("u", userId).bind("at", Rows.ts(effectiveAt)).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void endSubscription(UUID userId, String status, Instant now) {
        subscriptionChange(userId, now, h -> h.createUpdate("""
                        UPDATE users SET plan = 'free', stripe_subscription_id = NULL, subscription_status = :s,
                            subscription_cancel_at_period_end = false, subscription_period_end = NULL,
                            monthly_credits_granted_at = :now, updated_at = :now
                        WHERE id = :u""")
                .bind("u", userId).bind("s", status).bind("now", Rows.ts(now)).execute());
    }

    /** The subscription fields {@code subscription.updated} reports. */
    private record SubscriptionState(String plan, String status, boolean cancelAtPeriodEnd, Instant periodEnd) {
    }

    private static final String SUBSCRIPTION_STATE = "SELECT plan, subscription_status,"
            + " subscription_cancel_at_period_end, subscription_period_end FROM users WHERE id = :u";

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
        return h.createQuery(SUBSCRIPTION_STATE + (lock ? " FOR UPDATE" : ""))
                .bind("u", userId)
                .map((rs, ctx) -> new SubscriptionState(rs.getString("plan"), rs.getString("subscription_status"),
                        rs.getBoolean("subscription_cancel_at_period_end"), Rows.instant(rs, "subscription_period_end")))
                .findOne();
    }

    private static BillingAccount account(ResultSet rs, StatementContext ctx) throws SQLException {
        return new BillingAccount(Rows.uuid(rs, "id"), rs.getString("email"), rs.getString("plan"),
                rs.getLong("credits_balance"), rs.getString("stripe_customer_id"), rs.getString("stripe_subscription_id"),
                rs.getString("subscription_status"), rs.getBoolean("subscription_cancel_at_period_end"),
                Rows.instant(rs, "subscription_period_end"), Rows.instant(rs, "monthly_credits_granted_at"));
    }
}
