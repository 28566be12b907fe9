package dev.creditline.persistence;

import dev.creditline.application.port.out.HoldRepository;
import dev.creditline.domain.hold.Hold;
import dev.creditline.domain.hold.HoldSettlement;
import dev.creditline.domain.hold.HoldExpiryPolicy;
import dev.creditline.domain.hold.HoldStatus;
import dev.creditline.domain.hold.HoldStep;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link HoldRepository} on table {@code holds} (migrations V3, V70). A hold leaves {@code open} only
 * through the conditional {@code UPDATE … WHERE status = 'open'} of {@link #settle} (lesson 7); its
 * running totals move only through {@link #recordStep}, conditional on the step number.
 */
public final class JdbiHoldRepository implements HoldRepository {

    private static final String COLUMNS = "id, user_id, amount, status, created_at, expires_at, captured, extra_debit, capture_steps,"
            + " on_expiry";

    private final JdbiTransactions tx;

    public JdbiHoldRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Hold hold, String ref) {
        tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO holds (user_id, id, amount, status, ref, created_at, expires_at, on_expiry)
                        VALUES (:userId, :id, :amount, 'open', :ref, :createdAt, :expiresAt, :onExpiry)""")
                .bind("onExpiry", hold.onExpiry().wire())
                .bind("userId", hold.userId())
                .bind("id", hold.id())
                .bind("amount", hold.amount())
                .bind("ref", ref)
                .bind("createdAt", Rows.ts(hold.createdAt()))
                .bind("expiresAt", Rows.ts(hold.expiresAt()))
                .execute());
    }

    @Override
    public Optional<Hold> lockById(UUID holdId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM holds WHERE id = :id FOR UPDATE")
                .bind("id", holdId).map(JdbiHoldRepository::map).findOne());
    }

    @Override
    public Optional<Hold> lockNextExpired(Instant now) {
        return tx.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM holds"
                        + " WHERE status = 'open' AND expires_at <= :now ORDER BY expires_at"
                        + " LIMIT 1 FOR UPDATE SKIP LOCKED")
                .bind("now", Rows.ts(now)).map(JdbiHoldRepository::map).findOne());
    }

    @Override
    public boolean settle(UUID holdId, HoldStatus status, HoldSettlement s, Instant at) {
        if (status == HoldStatus.OPEN) {
            throw new IllegalArgumentException("a settlement needs a terminal state");
        }
        return tx.withHandle(h -> h.createUpdate("""
                        UPDATE holds SET status = :status, captured = :captured, released = :released,
                            extra_debit = extra_debit + :extra, shortfall = shortfall + :shortfall, settled_at = :at
                        WHERE id = :id AND status = 'open'""")
                .bind("status", status.wire())
                .bind("captured", s.captured())
                .bind("released", s.released())
                .bind("extra", s.extraDebit())
                .bind("shortfall", s.shortfall())
                .bind("at", Rows.ts(at))
                .bind("id", holdId)
                .execute()) == 1;
    }

    @Override
    public boolean recordStep(UUID holdId, HoldStep step) {
        return tx.withHandle(h -> h.createUpdate("""
                        UPDATE holds SET captured = captured + :captured, extra_debit = extra_debit + :extra,
                            shortfall = shortfall + :shortfall, capture_steps = :n
                        WHERE id = :id AND status = 'open' AND capture_steps = :n - 1""")
                .bind("captured", step.captured())
                .bind("extra", step.extraDebit())
                .bind("shortfall", step.shortfall())
                .bind("n", step.number())
                .bind("id", holdId)
                .execute()) == 1;
    }

    @Override
    public boolean extend(UUID holdId, Instant expiresAt, Instant now) {
        return tx.withHandle(h -> h.createUpdate(
                        "UPDATE holds SET expires_at = :e WHERE id = :id AND status = 'open' AND expires_at > :now")
                .bind("e", Rows.ts(expiresAt))
                .bind("id", holdId)
                .bind("now", Rows.ts(now))
                .execute()) == 1;
    }

    @Override
    public long pendingCredit(UUID userId) {
        return tx.withHandle(h -> h.createQuery(
                        "SELECT coalesce(sum(amount - captured), 0) FROM holds WHERE user_id = :u AND status = 'open'")
                .bind("u", userId).mapTo(Long.class).one());
    }

    private static Hold map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Hold(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getLong("amount"),
                HoldStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at"), rs.getLong("captured"),
                rs.getLong("extra_debit"), rs.getInt("capture_steps"),
                HoldExpiryPolicy.fromWire(rs.getString("on_expiry")));
    }
}
