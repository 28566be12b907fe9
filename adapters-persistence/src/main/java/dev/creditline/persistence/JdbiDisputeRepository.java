package dev.creditline.persistence;

import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.StoredDispute;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link DisputeRepository} on {@code stripe_disputes}: a closed dispute is final (conditional upsert).
 */
public final class JdbiDisputeRepository implements DisputeRepository {

    private static final String DISPUTE_COLUMNS = "dispute_id, payment_intent_id, charge_id, amount, status, closed,"
            + " credits_clawed_back, credits_forgiven, clawed_at, reinstated_at";

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiDisputeRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public StoredDispute recordDispute(String disputeId, String paymentIntentId, String chargeId, long amount,
                                       String status, boolean closed, Instant now) {
        return tx.withHandle(h -> {
            h.createUpdate("""
                            INSERT INTO stripe_disputes (dispute_id, payment_intent_id, charge_id, amount, status, closed,
                                recorded_at)
                            VALUES (:d, :pi, :ch, :amount, :status, :closed, :now)
                            ON CONFLICT (dispute_id) DO UPDATE
                                SET status = EXCLUDED.status, closed = EXCLUDED.closed,
                                    amount = GREATEST(stripe_disputes.amount, EXCLUDED.amount),
                                    payment_intent_id = COALESCE(stripe_disputes.payment_intent_id,
                                                                 EXCLUDED.payment_intent_id),
                                    charge_id = COALESCE(stripe_disputes.charge_id, EXCLUDED.charge_id)
                                WHERE NOT stripe_disputes.closed""")
                    .bind("d", disputeId).bind("pi", paymentIntentId).bind("ch", chargeId).bind("amount", amount)
                    .bind("status", status).bind("closed", closed).bind("now", Rows.ts(now)).execute();
            return h.createQuery("SELECT " + DISPUTE_COLUMNS + " FROM stripe_disputes WHERE dispute_id = :d FOR UPDATE")
                    .bind("d", disputeId).map(JdbiDisputeRepository::dispute).one();
        });
    }

    @Override
    public List<StoredDispute> lockDisputes(String paymentIntentId, String chargeId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + DISPUTE_COLUMNS + " FROM stripe_disputes"
                        + " WHERE payment_intent_id = :pi OR charge_id = :ch ORDER BY dispute_id FOR UPDATE")
                .bind("pi", paymentIntentId).bind("ch", chargeId).map(JdbiDisputeRepository::dispute).list());
    }

    @Override
    public void disputeClawed(String disputeId, long creditsClawedBack, long creditsForgiven, Instant now) {
        tx.withHandle(h -> h.createUpdate("UPDATE stripe_disputes SET credits_clawed_back = :c, credits_forgiven = :f,"
                        + " clawed_at = :now WHERE dispute_id = :d")
                .bind("d", disputeId).bind("c", creditsClawedBack).bind("f", creditsForgiven)
                .bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void disputeReinstated(String disputeId, Instant now) {
        tx.withHandle(h -> h.createUpdate("UPDATE stripe_disputes SET reinstated_at = :now WHERE dispute_id = :d")
                .bind("d", disputeId).bind("now", Rows.ts(now)).execute());
    }

    private static StoredDispute dispute(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredDispute(rs.getString("dispute_id"), rs.getString("payment_intent_id"),
                rs.getString("charge_id"), rs.getLong("amount"), rs.getString("status"), rs.getBoolean("closed"),
                rs.getLong("credits_clawed_back"), rs.getLong("credits_forgiven"), Rows.instant(rs, "clawed_at"),
                Rows.instant(rs, "reinstated_at"));
    }
}
