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

    private static final String ATTEMPT_COLUMNS = "id, user_id, kind, item_id, status, stripe_session_id, "
            + "checkout_url, expires_at, created_at";

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiCheckoutAttemptRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<CheckoutAttempt> liveSubscriptionAttempt(UUID userId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + ATTEMPT_COLUMNS + " FROM checkout_attempts"
                        + " WHERE user_id = :u AND kind = 'subscription' AND status IN ('creating', 'open')")
                .bind("u", userId).map(JdbiCheckoutAttemptRepository::attempt).findOne());
    }

    @Override
    public boolean insertAttempt(CheckoutAttempt a) {
        return tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO checkout_attempts (id, user_id, kind, item_id, status, created_at, updated_at)
                        VALUES (:id, :u, :kind, :item, 'creating', :now, :now)
                        ON CONFLICT DO NOTHING""")
                .bind("id", a.id()).bind("u", a.userId()).bind("kind", a.kind()).bind("item", a.itemId())
                .bind("now", Rows.ts(a.createdAt())).execute()) == 1;
    }

    @Override
    public void attemptOpened(UUID attemptId, String sessionId, String url, Instant expiresAt, Instant now) {
        tx.withHandle(h -> h.createUpdate("""
                        UPDATE checkout_attempts SET status = CASE WHEN status = 'creating' THEN 'open' ELSE status END,
                            stripe_session_id = :s, checkout_url = :url, expires_at = :exp, updated_at = :now
                        WHERE id = :id""")
                .bind("id", attemptId).bind("s", sessionId).bind("url", url).bind("exp", Rows.ts(expiresAt))
                .bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void setAttemptStatus(UUID attemptId, String status, Instant now) {
        tx.withHandle(h -> h.createUpdate("UPDATE checkout_attempts SET status = :s, updated_at = :now"
                        + " WHERE id = :id AND status <> 'complete'")
                .bind("id", attemptId).bind("s", status).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void setAttemptStatusBySession(String sessionId, String status, Instant now) {
        tx.withHandle(h -> h.createUpdate("UPDATE checkout_attempts SET status = :s, updated_at = :now"
                        + " WHERE stripe_session_id = :sid AND status <> 'complete'")
                .bind("sid", sessionId).bind("s", status).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public Optional<CheckoutAttempt> attemptBySession(String sessionId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + ATTEMPT_COLUMNS + " FROM checkout_attempts"
                        + " WHERE stripe_session_id = :s")
                .bind("s", sessionId).map(JdbiCheckoutAttemptRepository::attempt).findOne());
    }

    @Override
    public boolean purchaseExists(String sessionId) {
        return tx.withHandle(h -> h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM credit_pack_purchases WHERE stripe_session_id = :s)")
                .bind("s", sessionId).mapTo(Boolean.class).one());
    }

    @Override
    public SortedSet<String> openCheckoutSessions(UUID userId, Instant now) {
        List<String> ids = tx.withHandle(h -> h.createQuery("""
                        SELECT stripe_session_id FROM checkout_attempts
                        WHERE user_id = :u AND status = 'open' AND stripe_session_id IS NOT NULL
                          AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("u", userId).bind("now", Rows.ts(now)).mapTo(String.class).list());
        return new TreeSet<>(ids);
    }

    @Override
    public Optional<CheckoutAttempt> openPackAttempt(UUID userId, String packId, Instant validAfter) {
        return tx.withHandle(h -> h.createQuery("SELECT " + ATTEMPT_COLUMNS + " FROM checkout_attempts"
                        + " WHERE user_id = :u AND kind = 'pack' AND item_id = :p AND status = 'open'"
                        + " AND expires_at > :t ORDER BY created_at DESC LIMIT 1")
                .bind("u", userId).bind("p", packId).bind("t", Rows.ts(validAfter))
                .map(JdbiCheckoutAttemptRepository::attempt).findOne());
    }

    private static CheckoutAttempt attempt(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CheckoutAttempt(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("kind"),
                rs.getString("item_id"), rs.getString("status"), rs.getString("stripe_session_id"),
                rs.getString("checkout_url"), Rows.instant(rs, "expires_at"), Rows.instant(rs, "created_at"));
    }
}
