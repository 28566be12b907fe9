package dev.creditline.persistence;

import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.StoredDispute;
import dev.creditline.domain.billing.DisputeStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link DisputeRepository} on {@code stripe_disputes}: a closed dispute is final (conditional upsert).
 */
public final class JdbiDisputeRepository implements DisputeRepository {

    /** The columns {@link #dispute} reads ({@code <columns>} in the statements that return disputes). */
    private static final String COLUMNS = "dispute_id, payment_intent_id, charge_id, amount, status, closed,"
            + " credits_clawed_back, credits_forgiven, clawed_at, reinstated_at";

    private static final String RECORD_SQL = Sql.load("disputes/record.sql");
    private static final String LOCK_SQL = Sql.load("disputes/lock.sql");
    private static final String LOCK_OF_PAYMENT_SQL = Sql.load("disputes/lock-of-payment.sql");
    private static final String CLAWED_SQL = Sql.load("disputes/clawed.sql");
    private static final String REINSTATED_SQL = Sql.load("disputes/reinstated.sql");

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiDisputeRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public StoredDispute recordDispute(String disputeId, String paymentIntentId, String chargeId, long amount,
                                       DisputeStatus status, boolean closed, Instant now) {
        return tx.withHandle(h -> {
            h.createUpdate(RECORD_SQL)
                    .bind("d", disputeId).bind("pi", paymentIntentId).bind("ch", chargeId).bind("amount", amount)
                    .bind("status", DisputeStatus.storageNameOf(status))
                    .bind("closed", closed).bind("now", Rows.ts(now)).execute();
            return h.createQuery(LOCK_SQL).define("columns", COLUMNS)
                    .bind("d", disputeId).map(JdbiDisputeRepository::dispute).one();
        });
    }

    @Override
    public List<StoredDispute> lockDisputes(String paymentIntentId, String chargeId) {
        return tx.withHandle(h -> h.createQuery(LOCK_OF_PAYMENT_SQL).define("columns", COLUMNS)
                .bind("pi", paymentIntentId).bind("ch", chargeId).map(JdbiDisputeRepository::dispute).list());
    }

    @Override
    public void disputeClawed(String disputeId, long creditsClawedBack, long creditsForgiven, Instant now) {
        tx.withHandle(h -> h.createUpdate(CLAWED_SQL)
                .bind("d", disputeId).bind("c", creditsClawedBack).bind("f", creditsForgiven)
                .bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void disputeReinstated(String disputeId, Instant now) {
        tx.withHandle(h -> h.createUpdate(REINSTATED_SQL)
                .bind("d", disputeId).bind("now", Rows.ts(now)).execute());
    }

    private static StoredDispute dispute(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredDispute(rs.getString("dispute_id"), rs.getString("payment_intent_id"),
                rs.getString("charge_id"), rs.getLong("amount"), DisputeStatus.fromStorageName(rs.getString("status")),
                rs.getBoolean("closed"),
                rs.getLong("credits_clawed_back"), rs.getLong("credits_forgiven"), Rows.instant(rs, "clawed_at"),
                Rows.instant(rs, "reinstated_at"));
    }
}
