package dev.creditline.persistence;

import dev.creditline.application.port.out.billing.BillingEventInbox;
import dev.creditline.domain.billing.StoredBillingEvent;
import java.time.Instant;
import java.util.List;

/**
 * {@link BillingEventInbox} on {@code stripe_events}; the insert is {@code ON CONFLICT DO NOTHING}.
 */
public final class JdbiBillingEventInbox implements BillingEventInbox {

    private static final String INSERT_EVENT_SQL = Sql.load("stripe/insert-event.sql");
    private static final String SET_EVENT_OUTCOME_SQL = Sql.load("stripe/set-event-outcome.sql");
    private static final String EVENTS_SQL = Sql.load("stripe/events.sql");
    private static final String COUNT_EVENTS_SQL = Sql.load("stripe/count-events.sql");
    /** The {@code <filter>} of a problems-only listing: a literal condition, so the partial index serves it. */
    private static final String PROBLEMS_ONLY = "WHERE outcome = 'problem'";

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiBillingEventInbox(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean insertEvent(String eventId, String type, Instant created, String payload, Instant receivedAt) {
        return tx.withHandle(h -> h.createUpdate(INSERT_EVENT_SQL)
                .bind("id", eventId).bind("type", type).bind("created", Rows.ts(created))
                .bind("payload", payload).bind("at", Rows.ts(receivedAt)).execute()) == 1;
    }

    @Override
    public void setEventOutcome(String eventId, String outcome, String problemCode, String problem) {
        tx.withHandle(h -> h.createUpdate(SET_EVENT_OUTCOME_SQL)
                .bind("id", eventId).bind("o", outcome).bind("pc", problemCode).bind("p", problem).execute());
    }

    @Override
    public List<StoredBillingEvent> events(boolean problemsOnly, int limit, int offset) {
        return tx.withHandle(h -> h.createQuery(EVENTS_SQL).define("filter", problemsOnly ? PROBLEMS_ONLY : "")
                .bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new StoredBillingEvent(rs.getString("event_id"), rs.getString("type"),
                        Rows.instant(rs, "created"), Rows.instant(rs, "received_at"), rs.getString("outcome"),
                        rs.getString("problem_code"), rs.getString("problem"), rs.getString("payload")))
                .list());
    }

    @Override
    public long countEvents(boolean problemsOnly) {
        return tx.withHandle(h -> h.createQuery(COUNT_EVENTS_SQL)
                .define("filter", problemsOnly ? PROBLEMS_ONLY : "").mapTo(Long.class).one());
    }
}
