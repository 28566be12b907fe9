package dev.creditline.persistence;

import dev.creditline.application.port.out.billing.BillingEventInbox;
import dev.creditline.domain.billing.StoredBillingEvent;
import java.time.Instant;
import java.util.List;

/**
 * {@link BillingEventInbox} on {@code stripe_events}; the insert is {@code ON CONFLICT DO NOTHING}.
 */
public final class JdbiBillingEventInbox implements BillingEventInbox {

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiBillingEventInbox(JdbiTransactions tx) {
        this.tx = tx;
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
}
