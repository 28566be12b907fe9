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

    private static final String INSERT_PURCHASE_SQL = Sql.load("grants/insert-purchase.sql");
    private static final String LOCK_PAYMENT_SQL = Sql.load("grants/lock-payment.sql");
    private static final String FIND_SQL = Sql.load("grants/find.sql");
    private static final String LOCK_PACK_SQL = Sql.load("grants/lock-pack.sql");
    private static final String LOCK_INVOICE_SQL = Sql.load("grants/lock-invoice.sql");
    private static final String CLAW_BACK_PACK_SQL = Sql.load("grants/claw-back-pack.sql");
    private static final String CLAW_BACK_INVOICE_SQL = Sql.load("grants/claw-back-invoice.sql");
    private static final String INSERT_INVOICE_GRANT_SQL = Sql.load("grants/insert-invoice-grant.sql");
    private static final String RECORD_EARLY_REFUND_SQL = Sql.load("grants/record-early-refund.sql");
    private static final String TAKE_EARLY_REFUNDS_SQL = Sql.load("grants/take-early-refunds.sql");

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiPaidGrantRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insertPurchase(PackPurchase p) {
        return tx.withHandle(h -> h.createUpdate(INSERT_PURCHASE_SQL)
                .bind("s", p.stripeSessionId()).bind("u", p.userId()).bind("pack", p.packId())
                .bind("credits", p.credits()).bind("amount", p.amountTotal()).bind("pi", p.paymentIntentId())
                .bind("at", Rows.ts(p.grantedAt())).execute()) == 1;
    }

    @Override
    public void lockPayment(List<String> keys) {
        List<String> sorted = keys.stream().filter(Objects::nonNull).distinct().sorted().toList();
        tx.withHandle(h -> {
            for (String key : sorted) {
                h.createQuery(LOCK_PAYMENT_SQL)
                        .bind("k", "stripe_payment:" + key).mapTo(Integer.class).one();
            }
            return null;
        });
    }

    @Override
    public Optional<PaidGrant> findGrant(String paymentIntentId, String chargeId, String invoiceId) {
        return tx.withHandle(h -> h.createQuery(FIND_SQL)
                .bind("pi", paymentIntentId).bind("ch", chargeId).bind("in", invoiceId)
                .map(JdbiPaidGrantRepository::grant).findOne());
    }

    @Override
    public Optional<PaidGrant> lockGrant(PaidGrant.Kind kind, String key) {
        String sql = kind == PaidGrant.Kind.PACK ? LOCK_PACK_SQL : LOCK_INVOICE_SQL;
        return tx.withHandle(h -> h.createQuery(sql).bind("k", key).map(JdbiPaidGrantRepository::grant).findOne());
    }

    @Override
    public void addClawback(PaidGrant.Kind kind, String key, long refundedCents, long creditsClawedBack,
                            long creditsForgiven) {
        String sql = kind == PaidGrant.Kind.PACK ? CLAW_BACK_PACK_SQL : CLAW_BACK_INVOICE_SQL;
        tx.withHandle(h -> h.createUpdate(sql)
                .bind("k", key).bind("cents", refundedCents).bind("clawed", creditsClawedBack)
                .bind("forgiven", creditsForgiven).execute());
    }

    @Override
    public boolean insertInvoiceGrant(PaidGrant g, Instant grantedAt) {
        return tx.withHandle(h -> h.createUpdate(INSERT_INVOICE_GRANT_SQL)
                .bind("k", g.key()).bind("u", g.userId()).bind("credits", g.credits()).bind("amount", g.amountPaid())
                .bind("pi", g.paymentIntentId()).bind("ch", g.chargeId()).bind("at", Rows.ts(grantedAt))
                .execute()) == 1;
    }

    @Override
    public void recordEarlyRefund(String eventId, String paymentIntentId, String chargeId, String invoiceId,
                                  Instant eventCreated) {
        tx.withHandle(h -> h.createUpdate(RECORD_EARLY_REFUND_SQL)
                .bind("e", eventId).bind("pi", paymentIntentId).bind("ch", chargeId).bind("in", invoiceId)
                .bind("c", Rows.ts(eventCreated)).execute());
    }

    @Override
    public List<String> takeEarlyRefunds(String paymentIntentId, String chargeId, String invoiceId) {
        return tx.withHandle(h -> h.createQuery(TAKE_EARLY_REFUNDS_SQL)
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
