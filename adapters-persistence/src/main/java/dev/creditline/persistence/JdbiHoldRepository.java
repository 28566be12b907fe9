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

    private static final String INSERT_SQL = Sql.load("holds/insert.sql");
    private static final String SETTLE_SQL = Sql.load("holds/settle.sql");
    private static final String RECORD_STEP_SQL = Sql.load("holds/record-step.sql");
    private static final String EXTEND_SQL = Sql.load("holds/extend.sql");
    private static final String PENDING_CREDIT_SQL = Sql.load("holds/pending-credit.sql");
    private static final String LOCK_BY_ID_SQL = Sql.load("holds/lock-by-id.sql");
    private static final String LOCK_NEXT_EXPIRED_SQL = Sql.load("holds/lock-next-expired.sql");

    private final JdbiTransactions tx;

    public JdbiHoldRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(Hold hold, String ref) {
        tx.withHandle(h -> h.createUpdate(INSERT_SQL)
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
        return tx.withHandle(h -> h.createQuery(LOCK_BY_ID_SQL)
                .bind("id", holdId).map(JdbiHoldRepository::map).findOne());
    }

    @Override
    public Optional<Hold> lockNextExpired(Instant now) {
        return tx.withHandle(h -> h.createQuery(LOCK_NEXT_EXPIRED_SQL)
                .bind("now", Rows.ts(now)).map(JdbiHoldRepository::map).findOne());
    }

    @Override
    public boolean settle(UUID holdId, HoldStatus status, HoldSettlement s, Instant at) {
        if (status == HoldStatus.OPEN) {
            throw new IllegalArgumentException("a settlement needs a terminal state");
        }
        return tx.withHandle(h -> h.createUpdate(SETTLE_SQL)
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
        return tx.withHandle(h -> h.createUpdate(RECORD_STEP_SQL)
                .bind("captured", step.captured())
                .bind("extra", step.extraDebit())
                .bind("shortfall", step.shortfall())
                .bind("n", step.number())
                .bind("id", holdId)
                .execute()) == 1;
    }

    @Override
    public boolean extend(UUID holdId, Instant expiresAt, Instant now) {
        return tx.withHandle(h -> h.createUpdate(EXTEND_SQL)
                .bind("e", Rows.ts(expiresAt))
                .bind("id", holdId)
                .bind("now", Rows.ts(now))
                .execute()) == 1;
    }

    @Override
    public long pendingCredit(UUID userId) {
        return tx.withHandle(h -> h.createQuery(PENDING_CREDIT_SQL)
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
