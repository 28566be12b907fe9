package dev.creditline.persistence;

import dev.creditline.application.port.out.billing.StripeIntent;
import dev.creditline.application.port.out.billing.StripeIntentRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link StripeIntentRepository} on {@code stripe_intents} (migration V51). The claim is one
 * {@code UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING}: several
 * instances never take the same intent, and the lease (the new due time) keeps it theirs while
 * they call Stripe outside any transaction.
 */
public final class JdbiStripeIntentRepository implements StripeIntentRepository {

    private static final String INSERT_SQL = Sql.load("stripe/insert-intent.sql");
    private static final String CLAIM_SQL = Sql.load("stripe/claim-intent.sql");
    private static final String DONE_SQL = Sql.load("stripe/intent-done.sql");
    private static final String RETRY_SQL = Sql.load("stripe/intent-retry.sql");
    private static final String FAILED_SQL = Sql.load("stripe/intent-failed.sql");
    private static final String PENDING_SQL = Sql.load("stripe/pending-intents.sql");

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiStripeIntentRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insert(StripeIntent i, Instant dueAt) {
        return tx.withHandle(h -> h.createUpdate(INSERT_SQL)
                .bind("id", i.id()).bind("kind", i.kind()).bind("target", i.targetId())
                .bind("key", i.idempotencyKey()).bind("due", Rows.ts(dueAt)).bind("at", Rows.ts(i.createdAt()))
                .execute()) == 1;
    }

    @Override
    public Optional<StripeIntent> claimDue(Instant now, Instant leaseUntil) {
        return tx.withHandle(h -> h.createQuery(CLAIM_SQL)
                .bind("now", Rows.ts(now)).bind("lease", Rows.ts(leaseUntil))
                .map(JdbiStripeIntentRepository::intent).findOne());
    }

    @Override
    public void markDone(UUID id, Instant now) {
        tx.withHandle(h -> h.createUpdate(DONE_SQL)
                .bind("id", id).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void retryAt(UUID id, Instant nextAttemptAt, String error) {
        tx.withHandle(h -> h.createUpdate(RETRY_SQL)
                .bind("id", id).bind("next", Rows.ts(nextAttemptAt)).bind("e", error).execute());
    }

    @Override
    public void markFailed(UUID id, String error, Instant now) {
        tx.withHandle(h -> h.createUpdate(FAILED_SQL)
                .bind("id", id).bind("now", Rows.ts(now)).bind("e", error).execute());
    }

    @Override
    public long pending() {
        return tx.withHandle(h -> h.createQuery(PENDING_SQL)
                .mapTo(Long.class).one());
    }

    private static StripeIntent intent(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StripeIntent(Rows.uuid(rs, "id"), rs.getString("kind"), rs.getString("target_id"),
                rs.getString("idempotency_key"), rs.getInt("attempts"), Rows.instant(rs, "created_at"));
    }
}
