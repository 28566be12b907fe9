package dev.creditline.persistence;

import dev.creditline.application.port.out.ProfileQueries;
import dev.creditline.domain.analytics.ModelUsage;
import dev.creditline.domain.analytics.UsageStats;
import java.util.List;
import java.util.UUID;

/** {@link ProfileQueries} over {@code model_calls} and {@code credit_ledger}. */
public final class JdbiProfileQueries implements ProfileQueries {

    private final JdbiTransactions tx;

    /** @param tx the transaction context every statement joins */
    public JdbiProfileQueries(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public UsageStats stats(UUID userId) {
        return tx.withHandle(h -> {
            var calls = h.createQuery("""
                            SELECT count(DISTINCT document_id) AS docs, count(DISTINCT session_id) AS sessions,
                                   count(DISTINCT message_id) AS messages,
                                   COALESCE(sum(input_tokens + output_tokens), 0) AS tokens
                            FROM model_calls WHERE user_id = :u""")
                    .bind("u", userId).mapToMap().one();
            // Settled spending only: usage debits and what settled holds kept. An open hold's
            // reservation (its 'hold' entry) is not spent yet, so the open holds' amounts are
            // taken back out (what they still reserve: amount minus the steps captured).
            long spent = h.createQuery("""
                            SELECT GREATEST(0, COALESCE(-sum(delta), 0)
                                   - (SELECT COALESCE(sum(amount - captured), 0) FROM holds WHERE user_id = :u AND status = 'open'))
                            FROM credit_ledger
                            WHERE user_id = :u AND reason IN ('usage', 'hold', 'hold_release', 'hold_capture_adjustment', 'hold_capture')""")
                    .bind("u", userId).mapTo(Long.class).one();
            return new UsageStats(num(calls.get("docs")), num(calls.get("sessions")), num(calls.get("messages")), spent,
                    num(calls.get("tokens")));
        });
    }

    @Override
    public List<ModelUsage> usageByModel(UUID userId) {
        return tx.withHandle(h -> h.createQuery("""
                        SELECT model, count(*) AS calls, COALESCE(sum(input_tokens + output_tokens), 0) AS tokens,
                               COALESCE(sum(credits), 0) AS credits
                        FROM model_calls WHERE user_id = :u GROUP BY model ORDER BY model""")
                .bind("u", userId)
                .map((rs, ctx) -> new ModelUsage(rs.getString("model"), rs.getLong("calls"), rs.getLong("tokens"),
                        rs.getLong("credits")))
                .list());
    }

    private static long num(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
