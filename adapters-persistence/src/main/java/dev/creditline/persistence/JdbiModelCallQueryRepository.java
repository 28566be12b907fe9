package dev.creditline.persistence;

import dev.creditline.domain.analytics.ModelCallFilter;
import dev.creditline.application.port.out.analytics.ModelCallQueryRepository;
import dev.creditline.domain.analytics.ModelCallPage;
import dev.creditline.domain.analytics.ModelCallView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * History and export queries over {@code model_calls} (analytics.md "Model calls"), newest first
 * on the {@code (user_id, call_time DESC)} index. Text filters are bound parameters; LIKE
 * wildcards in user input are escaped.
 */
public final class JdbiModelCallQueryRepository implements ModelCallQueryRepository {

    /** Rows fetched per round trip when streaming an export. */
    static final int FETCH_SIZE = 5000;

    private static final String PAGE_SQL = Sql.load("model-calls/page.sql");
    private static final String COUNT_SQL = Sql.load("model-calls/count.sql");
    private static final String MORE_THAN_SQL = Sql.load("model-calls/more-than.sql");

    private final JdbiTransactions tx;

    public JdbiModelCallQueryRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public ModelCallPage page(ModelCallFilter filter, int limit, long offset) {
        Where w = where(filter);
        return tx.withHandle(h -> {
            var q = h.createQuery(PAGE_SQL).define("where", w.sql)
                    .bind("limit", limit).bind("offset", offset);
            w.params.forEach(q::bind);
            var list = q.map(JdbiModelCallQueryRepository::view).list();
            // Counting stops after COUNT_LIMIT + 1 rows: the page costs the same however long the
            // history is (an admin's allUsers view would otherwise count the whole table per page).
            var c = h.createQuery(COUNT_SQL).define("where", w.sql)
                    .bind("cap", COUNT_LIMIT + 1);
            w.params.forEach(c::bind);
            long n = c.mapTo(Long.class).one();
            return new ModelCallPage(list, Math.min(n, COUNT_LIMIT), n > COUNT_LIMIT);
        });
    }

    @Override
    public boolean moreThan(ModelCallFilter filter, int n) {
        Where w = where(filter);
        return tx.withHandle(h -> {
            // Whether more than n rows match does not depend on their order: ordering by the index
            // column alone lets PostgreSQL count on the (user_id, call_time) index, without a sort.
            var q = h.createQuery(MORE_THAN_SQL).define("where", w.sql).bind("n", n);
            w.params.forEach(q::bind);
            return q.mapTo(Boolean.class).one();
        });
    }

    @Override
    public void stream(ModelCallFilter filter, int limit, Consumer<ModelCallView> sink) {
        Where w = where(filter);
        boolean[] emitted = {false};
        tx.inHandleTransaction(h -> {
            var q = h.createQuery(PAGE_SQL).define("where", w.sql)
                    .bind("limit", limit).bind("offset", 0L).setFetchSize(FETCH_SIZE);
            w.params.forEach(q::bind);
            try {
                q.map(JdbiModelCallQueryRepository::view).useStream(s -> s.forEach(v -> {
                    emitted[0] = true;
                    sink.accept(v);
                }));
            } catch (RuntimeException e) {
                if (emitted[0]) {
                    // Rows already reached the sink: a retry (e.g. on the primary after a read
                    // replica failed mid-stream) would send them twice. The cause is kept out of
                    // the chain so that no retry recognises it.
                    throw new IllegalStateException("model-call stream interrupted after rows were sent: " + e);
                }
                throw e;
            }
            return null;
        });
    }

    /**
     * The {@code <where>} of the model-call statements and its binds. The filters stay optional
     * conditions built here: {@code (:x IS NULL OR …)} in the .sql would give one generic plan for
     * all of them, and the one-user and all-users listings need different index paths.
     */
    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(ModelCallFilter f) {
        StringBuilder sql = new StringBuilder(" WHERE TRUE");
        Map<String, Object> p = new LinkedHashMap<>();
        f.userId().ifPresent(u -> {
            sql.append(" AND c.user_id = :u");
            p.put("u", u);
        });
        f.from().ifPresent(t -> {
            sql.append(" AND c.call_time >= :from");
            p.put("from", Rows.ts(t));
        });
        f.to().ifPresent(t -> {
            sql.append(" AND c.call_time < :to");
            p.put("to", Rows.ts(t));
        });
        f.search().filter(s -> !s.isEmpty()).ifPresent(s -> {
            sql.append(" AND (c.model ILIKE :search ESCAPE '!' OR c.app_id ILIKE :search ESCAPE '!'"
                    + " OR c.request_id ILIKE :search ESCAPE '!')");
            p.put("search", "%" + escapeLike(s) + "%");
        });
        f.status().ifPresent(s -> {
            sql.append(" AND c.status = :status");
            p.put("status", s);
        });
        f.model().filter(s -> !s.isEmpty()).ifPresent(s -> {
            sql.append(" AND c.model ILIKE :model ESCAPE '!'");
            p.put("model", "%" + escapeLike(s) + "%");
        });
        f.providerId().ifPresent(s -> {
            sql.append(" AND c.provider_id = :providerId");
            p.put("providerId", s);
        });
        f.appId().ifPresent(s -> {
            sql.append(" AND c.app_id = :appId");
            p.put("appId", s);
        });
        return new Where(sql.toString(), p);
    }

    static String escapeLike(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static ModelCallView view(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ModelCallView(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"), rs.getString("user_name"),
                rs.getString("user_email"), rs.getString("app_id"), rs.getString("provider_id"), rs.getString("model"),
                rs.getString("type"), rs.getString("status"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cache_creation_input_tokens"), rs.getLong("cache_read_input_tokens"), rs.getLong("images"),
                rs.getLong("media_seconds"), rs.getLong("total_usage"), rs.getLong("credits"),
                Rows.nullableLong(rs, "duration_ms"), Rows.instant(rs, "call_time"), rs.getString("error_reason"),
                rs.getString("request_id"));
    }
}
