package dev.creditline.persistence;

import dev.creditline.application.port.out.ProfileQueries;
import dev.creditline.domain.analytics.ModelUsage;
import dev.creditline.domain.analytics.UsageStats;
import java.util.List;
import java.util.UUID;

/** {@link ProfileQueries} over {@code model_calls} and {@code credit_ledger}. */
public final class JdbiProfileQueries implements ProfileQueries {

    private static final String USAGE_STATS_SQL = Sql.load("profile/usage-stats.sql");
    private static final String SPENT_SQL = Sql.load("profile/spent.sql");
    private static final String USAGE_BY_MODEL_SQL = Sql.load("profile/usage-by-model.sql");

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiProfileQueries(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public UsageStats stats(UUID userId) {
        return tx.withHandle(h -> {
            var calls = h.createQuery(USAGE_STATS_SQL)
                    .bind("u", userId).mapToMap().one();
            // Settled spending only (see the file's comment).
            long spent = h.createQuery(SPENT_SQL)
                    .bind("u", userId).mapTo(Long.class).one();
            return new UsageStats(num(calls.get("docs")), num(calls.get("sessions")), num(calls.get("messages")), spent,
                    num(calls.get("tokens")));
        });
    }

    @Override
    public List<ModelUsage> usageByModel(UUID userId) {
        return tx.withHandle(h -> h.createQuery(USAGE_BY_MODEL_SQL)
                .bind("u", userId)
                .map((rs, ctx) -> new ModelUsage(rs.getString("model"), rs.getLong("calls"), rs.getLong("tokens"),
                        rs.getLong("credits")))
                .list());
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
