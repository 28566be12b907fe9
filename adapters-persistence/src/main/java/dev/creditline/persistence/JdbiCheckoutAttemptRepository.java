package dev.creditline.persistence;

import dev.creditline.application.port.out.billing.CheckoutAttempt;
import dev.creditline.application.port.out.billing.CheckoutAttemptRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link CheckoutAttemptRepository} on {@code checkout_attempts} and {@code credit_pack_purchases}.
 */
public final class JdbiCheckoutAttemptRepository implements CheckoutAttemptRepository {

    /** The columns {@link #attempt} reads ({@code <columns>} in the statements that return attempts). */
    private static final String COLUMNS = "id, user_id, kind, item_id, status, stripe_session_id, checkout_url,"
            + " expires_at, created_at";

    private static final String LIVE_SUBSCRIPTION_ATTEMPT_SQL = Sql.load("checkout/live-subscription-attempt.sql");
    private static final String INSERT_ATTEMPT_SQL = Sql.load("checkout/insert-attempt.sql");
    private static final String ATTEMPT_OPENED_SQL = Sql.load("checkout/attempt-opened.sql");
    private static final String SET_STATUS_SQL = Sql.load("checkout/set-status.sql");
    private static final String SET_STATUS_BY_SESSION_SQL = Sql.load("checkout/set-status-by-session.sql");
    private static final String BY_SESSION_SQL = Sql.load("checkout/by-session.sql");
    private static final String PURCHASE_EXISTS_SQL = Sql.load("checkout/purchase-exists.sql");
    private static final String OPEN_SESSIONS_SQL = Sql.load("checkout/open-sessions.sql");
    private static final String OPEN_PACK_ATTEMPT_SQL = Sql.load("checkout/open-pack-attempt.sql");

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiCheckoutAttemptRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<CheckoutAttempt> liveSubscriptionAttempt(UUID userId) {
        return tx.withHandle(h -> h.createQuery(LIVE_SUBSCRIPTION_ATTEMPT_SQL).define("columns", COLUMNS)
                .bind("u", userId).map(JdbiCheckoutAttemptRepository::attempt).findOne());
    }

    @Override
    public boolean insertAttempt(CheckoutAttempt a) {
        return tx.withHandle(h -> h.createUpdate(INSERT_ATTEMPT_SQL)
                .bind("id", a.id()).bind("u", a.userId()).bind("kind", a.kind()).bind("item", a.itemId())
                .bind("now", Rows.ts(a.createdAt())).execute()) == 1;
    }

    @Override
    public void attemptOpened(UUID attemptId, String sessionId, String url, Instant expiresAt, Instant now) {
        tx.withHandle(h -> h.createUpdate(ATTEMPT_OPENED_SQL)
                .bind("id", attemptId).bind("s", sessionId).bind("url", url).bind("exp", Rows.ts(expiresAt))
                .bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void setAttemptStatus(UUID attemptId, String status, Instant now) {
        tx.withHandle(h -> h.createUpdate(SET_STATUS_SQL)
                .bind("id", attemptId).bind("s", status).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void setAttemptStatusBySession(String sessionId, String status, Instant now) {
        tx.withHandle(h -> h.createUpdate(SET_STATUS_BY_SESSION_SQL)
                .bind("sid", sessionId).bind("s", status).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public Optional<CheckoutAttempt> attemptBySession(String sessionId) {
        return tx.withHandle(h -> h.createQuery(BY_SESSION_SQL).define("columns", COLUMNS)
                .bind("s", sessionId).map(JdbiCheckoutAttemptRepository::attempt).findOne());
    }

    @Override
    public boolean purchaseExists(String sessionId) {
        return tx.withHandle(h -> h.createQuery(PURCHASE_EXISTS_SQL)
                .bind("s", sessionId).mapTo(Boolean.class).one());
    }

    @Override
    public SortedSet<String> openCheckoutSessions(UUID userId, Instant now) {
        List<String> ids = tx.withHandle(h -> h.createQuery(OPEN_SESSIONS_SQL)
                .bind("u", userId).bind("now", Rows.ts(now)).mapTo(String.class).list());
        return new TreeSet<>(ids);
    }

    @Override
    public Optional<CheckoutAttempt> openPackAttempt(UUID userId, String packId, Instant validAfter) {
        return tx.withHandle(h -> h.createQuery(OPEN_PACK_ATTEMPT_SQL).define("columns", COLUMNS)
                .bind("u", userId).bind("p", packId).bind("t", Rows.ts(validAfter))
                .map(JdbiCheckoutAttemptRepository::attempt).findOne());
    }

    private static CheckoutAttempt attempt(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CheckoutAttempt(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("kind"),
                rs.getString("item_id"), rs.getString("status"), rs.getString("stripe_session_id"),
                rs.getString("checkout_url"), Rows.instant(rs, "expires_at"), Rows.instant(rs, "created_at"));
    }
}
