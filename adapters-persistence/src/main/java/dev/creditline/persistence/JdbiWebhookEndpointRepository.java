package dev.creditline.persistence;

import dev.creditline.domain.event.WebhookEndpoint;
import dev.creditline.application.port.out.events.WebhookEndpointRepository;
import dev.creditline.domain.event.EventType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link WebhookEndpointRepository} on {@code webhook_endpoints}. */
public final class JdbiWebhookEndpointRepository implements WebhookEndpointRepository {

    /** The reason the WEBHOOK_URL endpoint is disabled while the variable is unset. */
    public static final String UNSET_REASON = "WEBHOOK_URL is not set";

    /** The columns {@link #map} reads ({@code <columns>} in the statements), in the insert's order. */
    private static final String COLUMNS = "id, url, description, event_types, secret, previous_secret,"
            + " previous_secret_expires_at, enabled, disabled_reason, consecutive_failures, source, created_at,"
            + " updated_at";
    private static final String CONFIGURED_SQL = Sql.load("events/configured-endpoint.sql");
    private static final String INSERT_SQL = Sql.load("webhook-endpoints/insert.sql");
    private static final String LIST_SQL = Sql.load("webhook-endpoints/list.sql");
    private static final String FIND_SQL = Sql.load("webhook-endpoints/find.sql");
    private static final String UPDATE_SQL = Sql.load("webhook-endpoints/update.sql");
    private static final String DELETE_SQL = Sql.load("webhook-endpoints/delete.sql");
    private static final String DISABLE_CONFIGURED_SQL = Sql.load("webhook-endpoints/disable-configured.sql");

    private final JdbiTransactions tx;

    public JdbiWebhookEndpointRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(WebhookEndpoint e) {
        tx.withHandle(h -> h.createUpdate(INSERT_SQL).define("columns", COLUMNS)
                .bind("id", e.id()).bind("url", e.url()).bind("description", e.description())
                .bind("types", wireNames(e.eventTypes())).bind("secret", e.secret())
                .bind("previousSecret", e.previousSecret()).bind("previousUntil", Rows.ts(e.previousSecretExpiresAt()))
                .bind("enabled", e.enabled()).bind("reason", e.disabledReason())
                .bind("failures", e.consecutiveFailures()).bind("source", e.source())
                .bind("createdAt", Rows.ts(e.createdAt())).bind("updatedAt", Rows.ts(e.updatedAt()))
                .execute());
    }

    @Override
    public List<WebhookEndpoint> list() {
        return tx.withHandle(h -> h.createQuery(LIST_SQL).define("columns", COLUMNS)
                .map(JdbiWebhookEndpointRepository::map).list());
    }

    @Override
    public Optional<WebhookEndpoint> find(UUID id) {
        return tx.withHandle(h -> h.createQuery(FIND_SQL).define("columns", COLUMNS)
                .bind("id", id).map(JdbiWebhookEndpointRepository::map).findOne());
    }

    @Override
    public boolean update(WebhookEndpoint e) {
        return tx.withHandle(h -> h.createUpdate(UPDATE_SQL)
                .bind("id", e.id()).bind("url", e.url()).bind("description", e.description())
                .bind("types", wireNames(e.eventTypes())).bind("secret", e.secret())
                .bind("previousSecret", e.previousSecret()).bind("previousUntil", Rows.ts(e.previousSecretExpiresAt()))
                .bind("enabled", e.enabled()).bind("reason", e.disabledReason())
                .bind("failures", e.consecutiveFailures()).bind("updatedAt", Rows.ts(e.updatedAt()))
                .execute()) == 1;
    }

    @Override
    public boolean delete(UUID id) {
        return tx.withHandle(h -> h.createUpdate(DELETE_SQL).bind("id", id)
                .execute()) == 1;
    }

    @Override
    public void upsertConfigured(UUID id, String url, String secret, Instant previousUntil, Instant now) {
        tx.withHandle(h -> h.createUpdate(CONFIGURED_SQL)
                .bind("id", id).bind("url", url).bind("secret", secret)
                .bind("previousUntil", Rows.ts(previousUntil)).bind("now", Rows.ts(now))
                .bind("unsetReason", UNSET_REASON).execute());
    }

    @Override
    public void disableConfigured(UUID id, String reason, Instant now) {
        tx.withHandle(h -> h.createUpdate(DISABLE_CONFIGURED_SQL)
                .bind("id", id).bind("reason", reason).bind("now", Rows.ts(now)).execute());
    }

    private static String[] wireNames(Set<EventType> types) {
        return types.stream().map(EventType::wireName).sorted().toArray(String[]::new);
    }

    static WebhookEndpoint map(ResultSet rs, StatementContext ctx) throws SQLException {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Array a = rs.getArray("event_types");
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                EventType.fromWire((String) o).ifPresent(types::add);
            }
        }
        return new WebhookEndpoint(Rows.uuid(rs, "id"), rs.getString("url"), rs.getString("description"), types,
                rs.getString("secret"), rs.getString("previous_secret"), Rows.instant(rs, "previous_secret_expires_at"),
                rs.getBoolean("enabled"), rs.getString("disabled_reason"), rs.getInt("consecutive_failures"),
                rs.getString("source"), Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"));
    }
}
