package dev.creditline.persistence;

import dev.creditline.domain.billing.BillingAccount;
import dev.creditline.application.port.out.billing.BillingRepository;
import dev.creditline.application.port.out.billing.CheckoutAttempt;
import dev.creditline.application.port.out.billing.PackPurchase;
import dev.creditline.application.port.out.billing.PaidGrant;
import dev.creditline.domain.billing.StoredBillingEvent;
import dev.creditline.application.port.out.billing.StoredDispute;
import dev.creditline.application.port.out.billing.SubscriptionMark;
import java.util.Objects;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link BillingRepository} on {@code users}, {@code checkout_attempts},
 * {@code credit_pack_purchases}, {@code stripe_subscriptions} and {@code stripe_events}
 * (migration V30). The watermark and tombstone are single conditional upserts, the inbox insert
 * is {@code ON CONFLICT DO NOTHING}: PostgreSQL decides, never a read-then-write.
 */
public final class JdbiBillingRepository implements BillingRepository {

    private static final String ACCOUNT_COLUMNS = "id, email, plan, credits_balance, stripe_customer_id, "
            + "stripe_subscription_id, subscription_status, subscription_cancel_at_period_end, "
            + "subscription_period_end, monthly_credits_granted_at";
    private static final String ATTEMPT_COLUMNS = "id, user_id, kind, item_id, status, stripe_session_id, "
            + "checkout_url, expires_at, created_at";
    private static final String PURCHASE_COLUMNS = "stripe_session_id, user_id, pack_id, credits, amount_total, "
            + "payment_intent_id, refunded_amount_applied, credits_clawed_back, granted_at";

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiBillingRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<BillingAccount> lockAccount(UUID userId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM users WHERE id = :u FOR UPDATE")
                .bind("u", userId).map(JdbiBillingRepository::account).findOne());
    }

    @Override
    public Optional<BillingAccount> findAccount(UUID userId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM users WHERE id = :u")
                .bind("u", userId).map(JdbiBillingRepository::account).findOne());
    }

    @Override
    public Optional<UUID> userIdByCustomer(String customerId) {
        return tx.withHandle(h -> h.createQuery("SELECT id FROM users WHERE stripe_customer_id = :c")
                .bind("c", customerId).mapTo(UUID.class).findOne());
    }

    @Override
    public boolean setCustomerIfAbsent(UUID userId, String customerId) {
        return tx.withHandle(h -> {
            h.createUpdate("""
                            UPDATE users SET stripe_customer_id = :c
                            WHERE id = :u AND stripe_customer_id IS NULL
                              AND NOT EXISTS (SELECT 1 FROM users o WHERE o.stripe_customer_id = :c)""")
                    .bind("u", userId).bind("c", customerId).execute();
            return h.createQuery("SELECT stripe_customer_id = :c FROM users WHERE id = :u")
                    .bind("u", userId).bind("c", customerId).mapTo(Boolean.class).findOne().orElse(false);
        });
    }

    @Override
    public void updateSubscription(UUID userId, String plan, String subscriptionId, String status,
                                   boolean cancelAtPeriodEnd, Instant periodEnd, Instant now) {
        tx.withHandle(h -> h.createUpdate("""
                        UPDATE users SET plan = :plan, stripe_subscription_id = :sub, subscription_status = :status,
                            subscription_cancel_at_period_end = :cancel,
                            subscription_period_end = COALESCE(:periodEnd, subscription_period_end),
                            updated_at = :now
                        WHERE id = :u""")
                .bind("u", userId).bind("plan", plan).bind("sub", subscriptionId).bind("status", status)
                .bind("cancel", cancelAtPeriodEnd).bind("periodEnd", Rows.ts(periodEnd)).bind("now", Rows.ts(now))
                .execute());
    }

    @Override
    public void updateSubscriptionStatus(UUID userId, String status, Instant now) {
        tx.withHandle(h -> h.createUpdate("UPDATE users SET subscription_status = :s, updated_at = :now WHERE id = :u")
                .bind("u", userId).bind("s", status).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void scheduleCancel(UUID userId, Instant effectiveAt, Instant now) {
        tx.withHandle(h -> h.createUpdate("""
                        UPDATE users SET subscription_cancel_at_period_end = true,
                            subscription_period_end = COALESCE(:at, subscription_period_end), updated_at = :now
                        WHERE id = :u""")
                .bind("u", userId).bind("at", Rows.ts(effectiveAt)).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public void endSubscription(UUID userId, String status, Instant now) {
        tx.withHandle(h -> h.createUpdate("""
                        UPDATE users SET plan = 'free', stripe_subscription_id = NULL, subscription_status = :s,
                            subscription_cancel_at_period_end = false, subscription_period_end = NULL,
                            monthly_credits_granted_at = :now, updated_at = :now
                        WHERE id = :u""")
                .bind("u", userId).bind("s", status).bind("now", Rows.ts(now)).execute());
    }

    @Override
    public Optional<CheckoutAttempt> liveSubscriptionAttempt(UUID userId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + ATTEMPT_COLUMNS + " FROM checkout_attempts"
                        + " WHERE user_id = :u AND kind = 'subscription' AND status IN ('creating', 'open')")
                .bind("u", userId).map(JdbiBillingRepository::attempt).findOne());
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
                .bind("s", sessionId).map(JdbiBillingRepository::attempt).findOne());
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
    public boolean purchaseExists(String sessionId) {
        return tx.withHandle(h -> h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM credit_pack_purchases WHERE stripe_session_id = :s)")
                .bind("s", sessionId).mapTo(Boolean.class).one());
    }

    @Override
    public Optional<PackPurchase> lockPurchaseByPaymentIntent(String paymentIntentId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + PURCHASE_COLUMNS + " FROM credit_pack_purchases"
                        + " WHERE payment_intent_id = :pi FOR UPDATE")
                .bind("pi", paymentIntentId).map(JdbiBillingRepository::purchase).findOne());
    }

    @Override
    public void addRefund(String sessionId, long refundedCents, long creditsClawedBack) {
        tx.withHandle(h -> h.createUpdate("""
                        UPDATE credit_pack_purchases SET refunded_amount_applied = refunded_amount_applied + :cents,
                            credits_clawed_back = credits_clawed_back + :credits
                        WHERE stripe_session_id = :s""")
                .bind("s", sessionId).bind("cents", refundedCents).bind("credits", creditsClawedBack).execute());
    }

    @Override
    public boolean advanceWatermark(String subscriptionId, UUID userId, Instant created, String eventId) {
        return tx.withHandle(h -> h.createQuery("""
                        INSERT INTO stripe_subscriptions (subscription_id, user_id, last_event_created, last_event_id)
                        VALUES (:s, :u, :c, :e)
                        ON CONFLICT (subscription_id) DO UPDATE
                            SET last_event_created = EXCLUDED.last_event_created, last_event_id = EXCLUDED.last_event_id
                            WHERE stripe_subscriptions.deleted_at IS NULL
                              AND stripe_subscriptions.user_id = EXCLUDED.user_id
                              AND stripe_subscriptions.last_event_created <= EXCLUDED.last_event_created
                        RETURNING 1""")
                .bind("s", subscriptionId).bind("u", userId).bind("c", Rows.ts(created)).bind("e", eventId)
                .mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public boolean markDeleted(String subscriptionId, UUID userId, Instant created, String eventId) {
        return tx.withHandle(h -> h.createQuery("""
                        INSERT INTO stripe_subscriptions (subscription_id, user_id, last_event_created, last_event_id,
                            deleted_at)
                        VALUES (:s, :u, :c, :e, :c)
                        ON CONFLICT (subscription_id) DO UPDATE
                            SET deleted_at = EXCLUDED.deleted_at,
                                last_event_created = GREATEST(stripe_subscriptions.last_event_created,
                                                              EXCLUDED.last_event_created),
                                last_event_id = EXCLUDED.last_event_id
                            WHERE stripe_subscriptions.deleted_at IS NULL
                              AND stripe_subscriptions.user_id = EXCLUDED.user_id
                        RETURNING 1""")
                .bind("s", subscriptionId).bind("u", userId).bind("c", Rows.ts(created)).bind("e", eventId)
                .mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public boolean isDeleted(String subscriptionId) {
        return tx.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM stripe_subscriptions"
                        + " WHERE subscription_id = :s AND deleted_at IS NOT NULL)")
                .bind("s", subscriptionId).mapTo(Boolean.class).one());
    }

    @Override
    public boolean insertEvent(String eventId, String type, Instant created, String payload, Instant receivedAt) {
        return tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO stripe_events (event_id, type, created, payload, received_at, outcome)
                        VALUES (:id, :type, :created, :payload, :at, 'applied')
                        ON CONFLICT (event_id) DO NOTHING""")
                .bind("id", eventId).bind("type", type).bind("created", Rows.ts(created))
                .bind("payload", payload).bind("at", Rows.ts(receivedAt)).execute()) == 1;
    }

    @Override
    public void setEventOutcome(String eventId, String outcome, String problemCode, String problem) {
        tx.withHandle(h -> h.createUpdate("UPDATE stripe_events SET outcome = :o, problem_code = :pc, problem = :p"
                        + " WHERE event_id = :id")
                .bind("id", eventId).bind("o", outcome).bind("pc", problemCode).bind("p", problem).execute());
    }

    @Override
    public List<StoredBillingEvent> events(boolean problemsOnly, int limit, int offset) {
        return tx.withHandle(h -> h.createQuery("SELECT event_id, type, created, received_at, outcome, problem_code,"
                        + " problem, payload FROM stripe_events" + (problemsOnly ? " WHERE outcome = 'problem'" : "")
                        + " ORDER BY received_at DESC, event_id LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new StoredBillingEvent(rs.getString("event_id"), rs.getString("type"),
                        Rows.instant(rs, "created"), Rows.instant(rs, "received_at"), rs.getString("outcome"),
                        rs.getString("problem_code"), rs.getString("problem"), rs.getString("payload")))
                .list());
    }

    @Override
    public long countEvents(boolean problemsOnly) {
        return tx.withHandle(h -> h.createQuery("SELECT count(*) FROM stripe_events"
                + (problemsOnly ? " WHERE outcome = 'problem'" : "")).mapTo(Long.class).one());
    }

    // --- refunds and disputes in any order ---------------------------------------------------

    private static final String PACK_GRANT = "SELECT 'PACK' AS kind, stripe_session_id AS key, user_id, credits,"
            + " amount_total AS amount_paid, payment_intent_id, NULL::text AS charge_id, refunded_amount_applied,"
            + " credits_clawed_back, credits_forgiven FROM credit_pack_purchases";
    private static final String INVOICE_GRANT = "SELECT 'INVOICE' AS kind, invoice_id AS key, user_id, credits,"
            + " amount_paid, payment_intent_id, charge_id, refunded_amount_applied, credits_clawed_back,"
            + " credits_forgiven FROM stripe_invoice_grants";
    private static final String DISPUTE_COLUMNS = "dispute_id, payment_intent_id, charge_id, amount, status, closed,"
            + " credits_clawed_back, credits_forgiven, clawed_at, reinstated_at";

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
                .map(JdbiBillingRepository::grant).findOne());
    }

    @Override
    public Optional<PaidGrant> lockGrant(PaidGrant.Kind kind, String key) {
        String sql = kind == PaidGrant.Kind.PACK ? PACK_GRANT + " WHERE stripe_session_id = :k FOR UPDATE"
                : INVOICE_GRANT + " WHERE invoice_id = :k FOR UPDATE";
        return tx.withHandle(h -> h.createQuery(sql).bind("k", key).map(JdbiBillingRepository::grant).findOne());
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
                    .bind("d", disputeId).map(JdbiBillingRepository::dispute).one();
        });
    }

    @Override
    public List<StoredDispute> lockDisputes(String paymentIntentId, String chargeId) {
        return tx.withHandle(h -> h.createQuery("SELECT " + DISPUTE_COLUMNS + " FROM stripe_disputes"
                        + " WHERE payment_intent_id = :pi OR charge_id = :ch ORDER BY dispute_id FOR UPDATE")
                .bind("pi", paymentIntentId).bind("ch", chargeId).map(JdbiBillingRepository::dispute).list());
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

    @Override
    public Optional<SubscriptionMark> subscriptionMark(String subscriptionId) {
        return tx.withHandle(h -> h.createQuery("""
                        SELECT subscription_id, user_id, last_event_created, last_status, price_plan, deleted_at IS NOT NULL
                               AS deleted
                        FROM stripe_subscriptions WHERE subscription_id = :s""")
                .bind("s", subscriptionId)
                .map((rs, ctx) -> new SubscriptionMark(rs.getString("subscription_id"), Rows.uuid(rs, "user_id"),
                        Rows.instant(rs, "last_event_created"), rs.getString("last_status"), rs.getString("price_plan"),
                        rs.getBoolean("deleted")))
                .findOne());
    }

    @Override
    public boolean advanceWatermark(String subscriptionId, UUID userId, Instant created, String eventId, String status,
                                    String pricePlan) {
        return tx.withHandle(h -> h.createQuery("""
                        INSERT INTO stripe_subscriptions (subscription_id, user_id, last_event_created, last_event_id,
                            last_status, price_plan)
                        VALUES (:s, :u, :c, :e, :status, :plan)
                        ON CONFLICT (subscription_id) DO UPDATE
                            SET last_event_created = EXCLUDED.last_event_created, last_event_id = EXCLUDED.last_event_id,
                                last_status = COALESCE(EXCLUDED.last_status, stripe_subscriptions.last_status),
                                price_plan = COALESCE(EXCLUDED.price_plan, stripe_subscriptions.price_plan)
                            WHERE stripe_subscriptions.deleted_at IS NULL
                              AND stripe_subscriptions.user_id = EXCLUDED.user_id
                              AND stripe_subscriptions.last_event_created <= EXCLUDED.last_event_created
                        RETURNING 1""")
                .bind("s", subscriptionId).bind("u", userId).bind("c", Rows.ts(created)).bind("e", eventId)
                .bind("status", status).bind("plan", pricePlan)
                .mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public java.util.SortedSet<String> cancellableSubscriptions(UUID userId) {
        java.util.List<String> ids = tx.withHandle(h -> h.createQuery("""
                        SELECT stripe_subscription_id FROM users
                        WHERE id = :u AND stripe_subscription_id IS NOT NULL
                          AND coalesce(subscription_status, '') NOT IN ('canceled', 'incomplete_expired')
                        UNION
                        SELECT subscription_id FROM stripe_subscriptions
                        WHERE user_id = :u AND deleted_at IS NULL
                          AND coalesce(last_status, '') NOT IN ('canceled', 'incomplete_expired')""")
                .bind("u", userId).mapTo(String.class).list());
        return new java.util.TreeSet<>(ids);
    }

    @Override
    public java.util.SortedSet<String> openCheckoutSessions(UUID userId, Instant now) {
        java.util.List<String> ids = tx.withHandle(h -> h.createQuery("""
                        SELECT stripe_session_id FROM checkout_attempts
                        WHERE user_id = :u AND status = 'open' AND stripe_session_id IS NOT NULL
                          AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("u", userId).bind("now", Rows.ts(now)).mapTo(String.class).list());
        return new java.util.TreeSet<>(ids);
    }

    @Override
    public Optional<CheckoutAttempt> openPackAttempt(UUID userId, String packId, Instant validAfter) {
        return tx.withHandle(h -> h.createQuery("SELECT " + ATTEMPT_COLUMNS + " FROM checkout_attempts"
                        + " WHERE user_id = :u AND kind = 'pack' AND item_id = :p AND status = 'open'"
                        + " AND expires_at > :t ORDER BY created_at DESC LIMIT 1")
                .bind("u", userId).bind("p", packId).bind("t", Rows.ts(validAfter))
                .map(JdbiBillingRepository::attempt).findOne());
    }

    private static PaidGrant grant(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PaidGrant(PaidGrant.Kind.valueOf(rs.getString("kind")), rs.getString("key"), Rows.uuid(rs, "user_id"),
                rs.getLong("credits"), Rows.nullableLong(rs, "amount_paid"), rs.getString("payment_intent_id"),
                rs.getString("charge_id"), rs.getLong("refunded_amount_applied"), rs.getLong("credits_clawed_back"),
                rs.getLong("credits_forgiven"));
    }

    private static StoredDispute dispute(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredDispute(rs.getString("dispute_id"), rs.getString("payment_intent_id"),
                rs.getString("charge_id"), rs.getLong("amount"), rs.getString("status"), rs.getBoolean("closed"),
                rs.getLong("credits_clawed_back"), rs.getLong("credits_forgiven"), Rows.instant(rs, "clawed_at"),
                Rows.instant(rs, "reinstated_at"));
    }

    private static BillingAccount account(ResultSet rs, StatementContext ctx) throws SQLException {
        return new BillingAccount(Rows.uuid(rs, "id"), rs.getString("email"), rs.getString("plan"),
                rs.getLong("credits_balance"), rs.getString("stripe_customer_id"), rs.getString("stripe_subscription_id"),
                rs.getString("subscription_status"), rs.getBoolean("subscription_cancel_at_period_end"),
                Rows.instant(rs, "subscription_period_end"), Rows.instant(rs, "monthly_credits_granted_at"));
    }

    private static CheckoutAttempt attempt(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CheckoutAttempt(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("kind"),
                rs.getString("item_id"), rs.getString("status"), rs.getString("stripe_session_id"),
                rs.getString("checkout_url"), Rows.instant(rs, "expires_at"), Rows.instant(rs, "created_at"));
    }

    private static PackPurchase purchase(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PackPurchase(rs.getString("stripe_session_id"), Rows.uuid(rs, "user_id"), rs.getString("pack_id"),
                rs.getLong("credits"), Rows.nullableLong(rs, "amount_total"), rs.getString("payment_intent_id"),
                rs.getLong("refunded_amount_applied"), rs.getLong("credits_clawed_back"), Rows.instant(rs, "granted_at"));
    }
}
