package dev.creditline.persistence;

import dev.creditline.application.port.out.topup.AutoTopUpSettings;
import dev.creditline.application.port.out.topup.PaymentSource;
import dev.creditline.application.port.out.topup.TopUpAttempt;
import dev.creditline.application.port.out.topup.TopUpRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link TopUpRepository} on {@code auto_topup_settings}, {@code topup_attempts} and {@code users} (V100). */
public final class JdbiTopUpRepository implements TopUpRepository {

    private static final String SAVE_SETTINGS_SQL = Sql.load("topup/save-settings.sql");
    private static final String OPEN_ATTEMPT_SQL = Sql.load("topup/open-attempt.sql");
    private static final String COUNT_FAILURE_SQL = Sql.load("topup/count-failure.sql");

    private static final String SETTINGS_SQL = Sql.load("topup/settings.sql");
    private static final String PAYMENT_SOURCE_SQL = Sql.load("topup/payment-source.sql");
    private static final String SET_CUSTOMER_IF_ABSENT_SQL = Sql.load("topup/set-customer-if-absent.sql");
    private static final String USER_BY_CUSTOMER_SQL = Sql.load("billing/user-by-customer.sql");
    private static final String SAVE_PAYMENT_METHOD_SQL = Sql.load("topup/save-payment-method.sql");
    private static final String ATTEMPT_SQL = Sql.load("topup/attempt.sql");
    /** Status changes: each moves only from the statuses listed, so every change happens once. */
    private static final String MARK_SQL = Sql.load("topup/mark.sql");
    private static final String RESET_FAILURES_SQL = Sql.load("topup/reset-failures.sql");

    private final JdbiTransactions tx;

    public JdbiTopUpRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<AutoTopUpSettings> settings(UUID userId) {
        return tx.withHandle(h -> h.createQuery(SETTINGS_SQL)
                .bind("u", userId)
                .map((rs, ctx) -> new AutoTopUpSettings(rs.getBoolean(1), rs.getLong(2), rs.getString(3),
                        rs.getInt(4), rs.getInt(5)))
                .findOne());
    }

    @Override
    public boolean saveSettings(UUID userId, AutoTopUpSettings s, Instant now) {
        return tx.withHandle(h -> h.createUpdate(SAVE_SETTINGS_SQL)
                .bind("userId", userId).bind("enabled", s.enabled()).bind("threshold", s.threshold())
                .bind("packId", s.packId()).bind("monthlyLimit", s.monthlyLimit())
                .bind("failures", s.consecutiveFailures()).bind("now", Rows.ts(now)).execute()) == 1;
    }

    @Override
    public Optional<PaymentSource> paymentSource(UUID userId) {
        return tx.withHandle(h -> h.createQuery(PAYMENT_SOURCE_SQL)
                .bind("u", userId)
                .map((rs, ctx) -> new PaymentSource(rs.getString(1), rs.getString(2), rs.getString(3)))
                .findOne());
    }

    @Override
    public boolean setCustomerIfAbsent(UUID userId, String customerId) {
        return tx.withHandle(h -> h.createUpdate(SET_CUSTOMER_IF_ABSENT_SQL)
                .bind("c", customerId).bind("u", userId).execute()) == 1;
    }

    @Override
    public Optional<UUID> userByCustomer(String customerId) {
        return tx.withHandle(h -> h.createQuery(USER_BY_CUSTOMER_SQL)
                .bind("c", customerId).mapTo(UUID.class).findOne());
    }

    @Override
    public boolean savePaymentMethod(UUID userId, String customerId, String paymentMethodId) {
        // The card belongs to a customer: kept only for the user's own customer (topup/save-payment-method.sql).
        return tx.withHandle(h -> h.createUpdate(SAVE_PAYMENT_METHOD_SQL)
                .bind("pm", paymentMethodId).bind("c", customerId).bind("u", userId).execute()) == 1;
    }

    @Override
    public Optional<TopUpAttempt> openAttempt(TopUpAttempt a, int monthlyLimit, Instant monthStart) {
        return tx.withHandle(h -> h.createQuery(OPEN_ATTEMPT_SQL)
                .bind("userId", a.userId()).bind("id", a.id()).bind("packId", a.packId())
                .bind("credits", a.credits()).bind("amountCents", a.amountCents()).bind("currency", a.currency())
                .bind("monthlyLimit", monthlyLimit).bind("monthStart", Rows.ts(monthStart))
                .bind("now", Rows.ts(a.createdAt()))
                .map(JdbiTopUpRepository::readAttempt).findOne());
    }

    @Override
    public Optional<TopUpAttempt> attempt(UUID userId, UUID attemptId) {
        return tx.withHandle(h -> h.createQuery(ATTEMPT_SQL)
                .bind("u", userId).bind("id", attemptId).map(JdbiTopUpRepository::readAttempt).findOne());
    }

    @Override
    public boolean markProcessing(UUID userId, UUID attemptId, String paymentIntentId, Instant now) {
        return mark(userId, attemptId, TopUpAttempt.PROCESSING, paymentIntentId, null, null, now,
                TopUpAttempt.PENDING).isPresent();
    }

    @Override
    public Optional<TopUpAttempt> markRequiresAction(UUID userId, UUID attemptId, String paymentIntentId,
                                                     String actionUrl, Instant now) {
        return mark(userId, attemptId, TopUpAttempt.REQUIRES_ACTION, paymentIntentId, actionUrl, null, now,
                TopUpAttempt.PENDING, TopUpAttempt.PROCESSING);
    }

    @Override
    public Optional<TopUpAttempt> markFailed(UUID userId, UUID attemptId, String paymentIntentId, String reason,
                                             Instant now) {
        return mark(userId, attemptId, TopUpAttempt.FAILED, paymentIntentId, null, reason, now,
                TopUpAttempt.PENDING, TopUpAttempt.PROCESSING, TopUpAttempt.REQUIRES_ACTION);
    }

    @Override
    public Optional<TopUpAttempt> markSucceeded(UUID userId, UUID attemptId, String paymentIntentId, Instant now) {
        return mark(userId, attemptId, TopUpAttempt.SUCCEEDED, paymentIntentId, null, null, now,
                TopUpAttempt.PENDING, TopUpAttempt.PROCESSING, TopUpAttempt.REQUIRES_ACTION, TopUpAttempt.FAILED);
    }

    private Optional<TopUpAttempt> mark(UUID userId, UUID attemptId, String status, String pi, String url,
                                        String reason, Instant now, String... from) {
        return tx.withHandle(h -> h.createQuery(MARK_SQL)
                .bind("status", status).bind("pi", pi).bind("url", url).bind("reason", reason)
                .bind("now", Rows.ts(now)).bind("userId", userId).bind("id", attemptId)
                .bindArray("from", String.class, (Object[]) from)
                .map(JdbiTopUpRepository::readAttempt).findOne());
    }

    @Override
    public boolean countFailure(UUID userId, int maxInARow, Instant now) {
        return tx.withHandle(h -> h.createQuery(COUNT_FAILURE_SQL)
                .bind("userId", userId).bind("maxInARow", maxInARow).bind("now", Rows.ts(now))
                .mapTo(Boolean.class).one());
    }

    @Override
    public void resetFailures(UUID userId) {
        tx.withHandle(h -> h.createUpdate(RESET_FAILURES_SQL).bind("u", userId).execute());
    }

    private static TopUpAttempt readAttempt(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TopUpAttempt(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("pack_id"),
                rs.getLong("credits"), rs.getLong("amount_cents"), rs.getString("currency"), rs.getString("status"),
                rs.getString("failure_reason"), rs.getString("payment_intent_id"), rs.getString("action_url"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
