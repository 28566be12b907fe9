package dev.creditline.persistence;

import dev.creditline.application.port.out.events.EventData;
import dev.creditline.application.port.out.events.ExpiringLotNotices;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@link ExpiringLotNotices} on {@code credit_lots} ({@code events/expiring-users.sql}, {@code events/mark-expiring.sql}). */
public final class JdbiExpiringLotNotices implements ExpiringLotNotices {

    private static final String USERS_SQL = Sql.load("events/expiring-users.sql");
    private static final String MARK_SQL = Sql.load("events/mark-expiring.sql");
    private static final String TRY_LOCK_USER_SQL = Sql.load("users/try-lock.sql");

    private final JdbiTransactions tx;

    public JdbiExpiringLotNotices(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<UUID> usersToNotice(Instant now, Instant until, int max) {
        return tx.withHandle(h -> h.createQuery(USERS_SQL).bind("now", Rows.ts(now)).bind("until", Rows.ts(until))
                .bind("max", max).mapTo(UUID.class).list());
    }

    @Override
    public List<EventData.LotJson> markNoticed(UUID userId, Instant now, Instant until) {
        return tx.inHandleTransaction(h -> {
            boolean locked = h.createQuery(TRY_LOCK_USER_SQL)
                    .bind("u", userId).mapTo(Boolean.class).findOne().isPresent();
            if (!locked) {
                return List.of();
            }
            return h.createQuery(MARK_SQL).bind("u", userId).bind("now", Rows.ts(now)).bind("until", Rows.ts(until))
                    .map((rs, ctx) -> lotJson(rs)).list();
        });
    }

    /** A lot row (id, category, amount, remaining, priority, expires_at, status, created_at, ref_type, ref_id). */
    static EventData.LotJson lotJson(ResultSet rs) throws SQLException {
        return new EventData.LotJson(rs.getLong("id"), rs.getString("category"), rs.getLong("amount"),
                rs.getLong("remaining"), rs.getInt("priority"), Rows.instant(rs, "expires_at"), rs.getString("status"),
                Rows.instant(rs, "created_at"), rs.getString("ref_type"), rs.getString("ref_id"));
    }
}
