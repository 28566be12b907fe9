package dev.creditline.persistence;

import dev.creditline.application.port.out.billing.PackPurchase;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.application.port.out.billing.PaidGrantRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link PaidGrantRepository} on {@code credit_pack_purchases}, {@code stripe_invoice_grants} and
 * {@code stripe_early_refunds}; the per-payment lock is a transaction-scoped advisory lock.
 */
public final class JdbiPaidGrantRepository implements PaidGrantRepository {

    private static final String PACK_GRANT = "SELECT 'PACK' AS kind, stripe_session_id AS key, user_id, credits,"
            + " amount_total AS amount_paid, payment_intent_id, NULL::text AS charge_id, refunded_amount_applied,"
            + " credits_clawed_back, credits_forgiven FROM credit_pack_purchases";

    private static final String INVOICE_GRANT = "SELECT 'INVOICE' AS kind, invoice_id AS key, user_id, credits,"
            + " amount_paid, payment_intent_id, charge_id, refunded_amount_applied, credits_clawed_back,"
            + " credits_forgiven FROM stripe_invoice_grants";

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiPaidGrantRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insertPurchase(PackPurchase p) {
        return tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO credit_pack_purchases (stripe_session_id, user_id, pack_id, credits, amount_total,
                            payment_intent_id, granted_at)
                        VALUES (:s, :u, :pack, :credits, :amount, :pi, :at)
                        ON CONFLICT DO NOTHING""")
                .bind("s", p.stripeSessionId()).bind("u", p.userId()).bind("pack", p.packId())
                .bind("credits", p.credits()).bind("amount", p.amountTotal()).bind("pi", p.paymentIntentId())
                .bind("at", Rows.ts(p.grantedAt())).execute()) == 1;
    }

    @Override
    public void lockPayment(List<String> keys) {
        List<String> sorted = keys.stream().filter(Objects::nonNull).distinct().sorted().toList();
        tx.withHandle(h -> {
            for (String key : sorted) {
                h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                        .bind("k", "stripe_payment:" + key).mapTo(Integer.class).one();
            }
            return null;
        });
    }

    @Override
    public Optional<PaidGrant> findGrant(String paymentIntentId, String chargeId, String invoiceId) {
        return tx.withHandle(h -> h.createQuery(PACK_GRANT + " WHERE payment_intent_id = :pi UNION ALL "
                        + INVOICE_GRANT + " WHERE payment_intent_id = :pi OR charge_id = :ch OR invoice_id = :in"
                        + " LIMIT 1")
                .bind("pi", paymentIntentId).bind("ch", chargeId).bind("in", invoiceId)
                .map(JdbiPaidGrantRepository::grant).findOne());
    }

    @Override
    public Optional<PaidGrant> lockGrant(PaidGrant.Kind kind, String key) {
        String sql = kind == PaidGrant.Kind.PACK ? PACK_GRANT + " WHERE stripe_session_id = :k FOR UPDATE"
                : INVOICE_GRANT + " WHERE invoice_id = :k FOR UPDATE";
        return tx.withHandle(h -> h.createQuery(sql).bind("k", key).map(JdbiPaidGrantRepository::grant).findOne());
    }

    @Override
    public void addClawback(PaidGrant.Kind kind, String key, long refundedCents, long creditsClawedBack,
                            long creditsForgiven) {
        String table = kind == PaidGrant.Kind.PACK ? "credit_pack_purchases" : "stripe_invoice_grants";
        String keyColumn = kind == PaidGrant.Kind.PACK ? "stripe_session_id" : "invoice_id";
        tx.withHandle(h -> h.createUpdate("""
                        UPDATE %s SET refunded_amount_applied = refunded_amount_applied + :cents,
                               credits_clawed_back = credits_clawed_back + :clawed,
                               credits_forgiven = credits_forgiven + :forgiven
                        WHERE %s = :k""".formatted(table, keyColumn))
                .bind("k", key).bind("cents", refundedCents).bind("clawed", creditsClawedBack)
                .bind("forgiven", creditsForgiven).execute());
    }

    @Override
    public boolean insertInvoiceGrant(PaidGrant g, Instant grantedAt) {
        return tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO stripe_invoice_grants (invoice_id, user_id, credits, amount_paid, payment_intent_id,
                            charge_id, granted_at)
                        VALUES (:k, :u, :credits, :amount, :pi, :ch, :at)
                        ON CONFLICT DO NOTHING""")
                .bind("k", g.key()).bind("u", g.userId()).bind("credits", g.credits()).bind("amount", g.amountPaid())
                .bind("pi", g.paymentIntentId()).bind("ch", g.chargeId()).bind("at", Rows.ts(grantedAt))
                .execute()) == 1;
    }

    @Override
    public void recordEarlyRefund(String eventId, String paymentIntentId, String chargeId, String invoiceId,
                                  Instant eventCreated) {
        tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO stripe_early_refunds (event_id, payment_intent_id, charge_id, invoice_id, event_created)
                        VALUES (:e, :pi, :ch, :in, :c) ON CONFLICT DO NOTHING""")
                .bind("e", eventId).bind("pi", paymentIntentId).bind("ch", chargeId).bind("in", invoiceId)
                .bind("c", Rows.ts(eventCreated)).execute());
    }

    @Override
    public List<String> takeEarlyRefunds(String paymentIntentId, String chargeId, String invoiceId) {
        return tx.withHandle(h -> h.createQuery("""
                        WITH taken AS (
                            DELETE FROM stripe_early_refunds
                            WHERE payment_intent_id = :pi OR charge_id = :ch OR invoice_id = :in
                            RETURNING event_id, event_created)
                        SELECT e.payload FROM taken t JOIN stripe_events e ON e.event_id = t.event_id
                        ORDER BY t.event_created, t.event_id""")
                .bind("pi", paymentIntentId).bind("ch", chargeId).bind("in", invoiceId)
                .mapTo(String.class).list());
    }

    private static PaidGrant grant(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PaidGrant(PaidGrant.Kind.valueOf(rs.getString("kind")), rs.getString("key"), Rows.uuid(rs, "user_id"),
                rs.getLong("credits"), Rows.nullableLong(rs, "amount_paid"), rs.getString("payment_intent_id"),
                rs.getString("charge_id"), rs.getLong("refunded_amount_applied"), rs.getLong("credits_clawed_back"),
                rs.getLong("credits_forgiven"));
    }
}
