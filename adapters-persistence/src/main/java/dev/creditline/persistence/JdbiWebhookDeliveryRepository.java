package dev.creditline.persistence;

import dev.creditline.application.port.out.events.ClaimedDelivery;
import dev.creditline.domain.event.WebhookDelivery;
import dev.creditline.application.port.out.events.WebhookDeliveryRepository;
import dev.creditline.application.port.out.events.WebhookSender;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link WebhookDeliveryRepository} on {@code event_outbox}, {@code webhook_deliveries},
 * {@code webhook_attempts} and {@code webhook_endpoints} (SQL in {@code events/*.sql}).
 */
public final class JdbiWebhookDeliveryRepository implements WebhookDeliveryRepository {

    /** Due deliveries looked at per claimed one, at most (bounds a claim's work under a backlog). */
    static final int SCAN_FACTOR = 20;

    /** Longest stored error text. */
    static final int MAX_ERROR = 500;

    private static final String FAN_OUT_SQL = Sql.load("events/fan-out.sql");
    private static final String CLAIM_SQL = Sql.load("events/claim.sql");
    private static final String RECORD_SQL = Sql.load("events/record.sql");
    private static final String ATTEMPT_SQL = Sql.load("events/attempt.sql");
    private static final String ENDPOINT_FAILED_SQL = Sql.load("events/endpoint-failed.sql");
    private static final String LIST_SQL = Sql.load("events/deliveries.sql");
    private static final String COUNT_SQL = Sql.load("events/deliveries-count.sql");
    private static final String RETRY_SQL = Sql.load("events/retry.sql");

    private final JdbiTransactions tx;

    public JdbiWebhookDeliveryRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public int fanOut(Instant now, int max) {
        return tx.inHandleTransaction(h -> h.createUpdate(FAN_OUT_SQL)
                .bind("now", Rows.ts(now)).bind("max", max).execute());
    }

    @Override
    public List<ClaimedDelivery> claimDue(Instant now, Instant leaseUntil, int max, int perEndpoint) {
        return tx.inHandleTransaction(h -> h.createQuery(CLAIM_SQL)
                .bind("now", Rows.ts(now)).bind("leaseUntil", Rows.ts(leaseUntil)).bind("max", max)
                .bind("perEndpoint", perEndpoint).bind("scan", Math.max(max, perEndpoint) * SCAN_FACTOR)
                .map((rs, ctx) -> {
                    List<String> secrets = new ArrayList<>();
                    secrets.add(rs.getString("secret"));
                    String previous = rs.getString("previous_secret");
                    if (previous != null && !previous.equals(secrets.get(0))) {
                        secrets.add(previous);
                    }
                    return new ClaimedDelivery(Rows.uuid(rs, "subject_id"), Rows.uuid(rs, "id"),
                            Rows.uuid(rs, "lease_token"), rs.getInt("attempts"), rs.getInt("step"),
                            Rows.instant(rs, "window_started_at"), Rows.uuid(rs, "endpoint_id"), rs.getString("url"),
                            secrets, rs.getString("event_id"), rs.getString("body"));
                }).list());
    }

    @Override
    public boolean record(ClaimedDelivery c, WebhookSender.Outcome o, Instant at, Optional<Instant> retryAt,
                          int disableAfter) {
        String status = o.delivered() ? "delivered" : retryAt.isPresent() ? "pending" : "failed";
        String error = o.error() == null ? null
                : o.error().length() > MAX_ERROR ? o.error().substring(0, MAX_ERROR) : o.error();
        return tx.inHandleTransaction(h -> {
            Optional<UUID> endpoint = h.createQuery(RECORD_SQL)
                    .bind("status", status).bind("retryAt", o.delivered() ? null : Rows.ts(retryAt.orElse(null)))
                    .bind("at", Rows.ts(at)).bind("code", o.statusCode()).bind("error", error)
                    .bind("subject", c.userId()).bind("id", c.id()).bind("token", c.leaseToken())
                    .mapTo(UUID.class).findOne();
            if (endpoint.isEmpty()) {
                return false;
            }
            h.createUpdate(ATTEMPT_SQL)
                    .bind("subject", c.userId()).bind("id", c.id()).bind("attempt", c.attempt())
                    .bind("timestamp", o.timestamp()).bind("at", Rows.ts(at.minusMillis(o.durationMs())))
                    .bind("duration", (int) Math.min(Integer.MAX_VALUE, o.durationMs()))
                    .bind("code", o.statusCode()).bind("error", error).execute();
            if (status.equals("delivered")) {
                h.createUpdate("UPDATE webhook_endpoints SET consecutive_failures = 0"
                                + " WHERE id = :e AND consecutive_failures <> 0")
                        .bind("e", endpoint.get()).execute();
            } else if (status.equals("failed")) {
                h.createUpdate(ENDPOINT_FAILED_SQL).bind("disableAfter", disableAfter).bind("at", Rows.ts(at))
                        .bind("endpoint", endpoint.get()).execute();
            }
            return true;
        });
    }

    @Override
    public List<WebhookDelivery> list(String status, UUID endpointId, String eventType, int limit, int offset) {
        return tx.withHandle(h -> h.createQuery(LIST_SQL)
                .bind("status", status).bind("endpoint", endpointId).bind("eventType", eventType)
                .bind("limit", limit).bind("offset", offset)
                .map(JdbiWebhookDeliveryRepository::map).list());
    }

    @Override
    public long count(String status, UUID endpointId, String eventType) {
        return tx.withHandle(h -> h.createQuery(COUNT_SQL)
                .bind("status", status).bind("endpoint", endpointId).bind("eventType", eventType)
                .mapTo(Long.class).one());
    }

    @Override
    public Optional<WebhookDelivery> find(UUID id) {
        return tx.withHandle(h -> h.createQuery("SELECT id, subject_id, event_id, event_type, event_sequence,"
                        + " endpoint_id, status, attempts, CASE WHEN status = 'pending' THEN next_attempt_at END"
                        + " AS next_attempt_at, last_attempt_at, last_status_code, last_error, delivered_at, created_at"
                        + " FROM webhook_deliveries WHERE id = :id")
                .bind("id", id).map(JdbiWebhookDeliveryRepository::map).findFirst());
    }

    @Override
    public Optional<WebhookDelivery> retry(UUID id, Instant now) {
        return tx.inHandleTransaction(h -> h.createQuery(RETRY_SQL).bind("id", id).bind("now", Rows.ts(now))
                .map(JdbiWebhookDeliveryRepository::map).findFirst());
    }

    static WebhookDelivery map(ResultSet rs, StatementContext ctx) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer lastCode = rs.wasNull() ? null : code;
        return new WebhookDelivery(Rows.uuid(rs, "id"), Rows.uuid(rs, "subject_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getLong("event_sequence"), Rows.uuid(rs, "endpoint_id"),
                rs.getString("status"), rs.getInt("attempts"), Rows.instant(rs, "next_attempt_at"),
                Rows.instant(rs, "last_attempt_at"), lastCode, rs.getString("last_error"),
                Rows.instant(rs, "delivered_at"), Rows.instant(rs, "created_at"));
    }
}
