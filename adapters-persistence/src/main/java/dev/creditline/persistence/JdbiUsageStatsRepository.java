package dev.creditline.persistence;

import dev.creditline.application.port.out.analytics.StatRow;
import dev.creditline.application.port.out.analytics.UsageStatsRepository;
import dev.creditline.domain.analytics.StatsPiece;
import dev.creditline.domain.user.UserNotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The stats cache on PostgreSQL (analytics.md "Hourly stats cache"; migration V40). Pieces are
 * passed as two {@code bigint[]} of epoch microseconds and joined with {@code unnest}, so any
 * number of hours or days is one statement (lesson 25). Fills hold the user's exclusive advisory
 * lock ({@value #LOCK_CLASS}, {@code hashtext(user_id)}), the invalidation trigger on
 * {@code model_calls} takes the shared one: a fill computes either after a concurrent write
 * committed, or before it, and that write then deletes what the fill stored.
 */
public final class JdbiUsageStatsRepository implements UsageStatsRepository {

    /** First key of the advisory lock shared with the trigger function {@code model_call_stats_forget}. */
    static final int LOCK_CLASS = 1835102823;
    private static final int BATCH = 2000;

    private static final int LIVE_BATCH = 100;
    private static final String READ_CACHED_SQL = Sql.load("stats/read-cached.sql");
    private static final String SHARE_USER_SQL = Sql.load("stats/share-user.sql");
    private static final String LOCK_CACHE_SQL = Sql.load("stats/lock-cache.sql");
    private static final String INSERT_PERIODS_SQL = Sql.load("stats/insert-periods.sql");
    /** The bucket CTEs ({@code <user>}: empty or the one-user condition), then the fill or the computation. */
    private static final String BUCKETS_SQL = Sql.load("stats/buckets.sql");
    private static final String FILL_BUCKETS_SQL = BUCKETS_SQL + Sql.load("stats/fill-buckets.sql");
    private static final String COMPUTE_BUCKETS_SQL = BUCKETS_SQL + Sql.load("stats/compute-buckets.sql");
    private static final String COUNT_ROWS_SQL = Sql.load("stats/count-rows.sql");
    private static final String DELETE_SQL = Sql.load("stats/delete.sql");
    private static final String ONE_USER = "c.user_id = :u AND";

    /** The aggregates of a live piece (as in stats/buckets.sql); the live query's pieces vary in number. */
    private static final String AGGREGATES = "count(*) AS calls, count(*) FILTER (WHERE c.status = 'success') AS success_calls,"
            + " coalesce(sum(c.total_usage), 0) AS total_usage, coalesce(sum(c.input_tokens), 0) AS input_tokens,"
            + " coalesce(sum(c.output_tokens), 0) AS output_tokens, coalesce(sum(c.credits), 0) AS credits,"
            + " coalesce(sum(c.duration_ms), 0) AS duration_ms";

    private final JdbiTransactions tx;
    /** Where the all-users computation (admin statistics) reads: a read replica when configured. */
    private final JdbiTransactions allUsersReads;

    public JdbiUsageStatsRepository(JdbiTransactions tx) {
        this(tx, tx);
    }

    /**
     * @param allUsersReads transactions for {@link #compute} over all users, which needs no
     *                      read-your-writes (e.g. {@link ReadReplica#reads()}); every other
     *                      method uses {@code tx}
     */
    public JdbiUsageStatsRepository(JdbiTransactions tx, JdbiTransactions allUsersReads) {
        this.tx = tx;
        this.allUsersReads = allUsersReads;
    }

    @Override
    public CachedRead readCached(UUID userId, Collection<StatsPiece> pieces) {
        Set<StatsPiece> present = new HashSet<>();
        List<StatRow> rows = new ArrayList<>();
        if (pieces.isEmpty()) {
            return new CachedRead(present, rows);
        }
        Map<Instant, StatsPiece> byStart = new HashMap<>();
        pieces.forEach(p -> byStart.put(p.start(), p));
        tx.withHandle(h -> {
            for (List<StatsPiece> batch : batches(pieces)) {
                bindPieces(h.createQuery(READ_CACHED_SQL), batch)
                        .bind("u", userId)
                        .map((rs, ctx) -> {
                            Instant start = Rows.instant(rs, "period_start");
                            StatsPiece piece = new StatsPiece(start, Rows.instant(rs, "period_end"),
                                    byStart.get(start).kind());
                            return new Object[]{piece, rs.getString("model") == null ? null : row(rs, ctx)};
                        }).forEach(pair -> {
                            present.add((StatsPiece) pair[0]);
                            if (pair[1] != null) {
                                rows.add((StatRow) pair[1]);
                            }
                        });
            }
            return null;
        });
        return new CachedRead(present, rows);
    }

    @Override
    public List<StatRow> fill(UUID userId, Collection<StatsPiece> pieces) {
        return tx.withHandle(h -> {
            // The user's row first, then the cache lock: the order every writer takes them in
            // (a model call locks the user, then its trigger takes the cache lock). The reverse
            // order deadlocked with a concurrent delete of the user. A deleted user has no cache.
            if (h.createQuery(SHARE_USER_SQL).bind("u", userId)
                    .mapTo(Integer.class).findOne().isEmpty()) {
                throw new UserNotFoundException();
            }
            h.createQuery(LOCK_CACHE_SQL)
                    .bind("k", LOCK_CLASS).bind("u", userId).mapTo(String.class).findOne();
            CachedRead already = readCached(userId, pieces);
            List<StatRow> rows = new ArrayList<>(already.rows());
            List<StatsPiece> missing = pieces.stream().filter(p -> !already.present().contains(p)).toList();
            if (!missing.isEmpty()) {
                // The aggregate has few groups, but PostgreSQL cannot estimate width_bucket's and
                // would sort all calls to group them; hash aggregation (which spills if needed) is
                // several times faster here.
                h.execute("SET LOCAL enable_sort = off");
            }
            for (List<StatsPiece> batch : clusters(missing)) {
                bindPieces(h.createUpdate(INSERT_PERIODS_SQL), batch).bind("u", userId).execute();
                rows.addAll(bindBuckets(h.createQuery(FILL_BUCKETS_SQL).define("user", ONE_USER), batch)
                        .bind("u", userId)
                        .map(JdbiUsageStatsRepository::row).list());
            }
            return rows;
        });
    }

    @Override
    public List<StatRow> compute(Optional<UUID> userId, Collection<StatsPiece> pieces) {
        List<StatRow> rows = new ArrayList<>();
        if (pieces.isEmpty()) {
            return rows;
        }
        List<StatsPiece> cachedKind = pieces.stream().filter(StatsPiece::cached).toList();
        List<StatsPiece> live = pieces.stream().filter(p -> !p.cached()).toList();
        JdbiTransactions tx = userId.isPresent() ? this.tx : allUsersReads;
        if (!cachedKind.isEmpty()) {
            tx.inHandleTransaction(h -> {
                h.execute("SET LOCAL enable_sort = off"); // see fill
                for (List<StatsPiece> batch : clusters(cachedKind)) {
                    var q = bindBuckets(h.createQuery(COMPUTE_BUCKETS_SQL)
                            .define("user", userId.isPresent() ? ONE_USER : ""), batch);
                    userId.ifPresent(u -> q.bind("u", u));
                    rows.addAll(q.map(JdbiUsageStatsRepository::row).list());
                }
                return null;
            });
        }
        tx.withHandle(h -> {
            for (int i = 0; i < live.size(); i += LIVE_BATCH) {
                List<StatsPiece> batch = live.subList(i, Math.min(live.size(), i + LIVE_BATCH));
                StringBuilder sql = new StringBuilder();
                for (int k = 0; k < batch.size(); k++) {
                    if (k > 0) {
                        sql.append(" UNION ALL ");
                    }
                    sql.append("SELECT CAST(:s").append(k).append(" AS timestamptz) AS period_start,"
                            + " coalesce(c.provider_id, '') AS provider_id, c.model, c.type, ").append(AGGREGATES)
                            .append(" FROM model_calls c WHERE ").append(userId.isPresent() ? "c.user_id = :u AND " : "")
                            .append("c.call_time >= :s").append(k).append(" AND c.call_time < :e").append(k)
                            .append(" GROUP BY 2, 3, 4");
                }
                var q = h.createQuery(sql.toString());
                for (int k = 0; k < batch.size(); k++) {
                    q.bind("s" + k, Rows.ts(batch.get(k).start())).bind("e" + k, Rows.ts(batch.get(k).end()));
                }
                userId.ifPresent(u -> q.bind("u", u));
                rows.addAll(q.map(JdbiUsageStatsRepository::row).list());
            }
            return null;
        });
        return rows;
    }

    /**
     * Binds {@code stats/buckets.sql}: the sorted distinct bounds of {@code pieces} (sorted, disjoint),
     * each piece's bucket (1-based position of its start among the bounds) and the scan range.
     */
    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindBuckets(S statement,
                                                                                        List<StatsPiece> pieces) {
        List<Long> bounds = new ArrayList<>();
        List<Integer> buckets = new ArrayList<>(pieces.size());
        for (StatsPiece p : pieces) {
            long s = micros(p.start());
            if (bounds.isEmpty() || bounds.get(bounds.size() - 1) != s) {
                bounds.add(s);
            }
            buckets.add(bounds.size());
            bounds.add(micros(p.end()));
        }
        return bindPieces(statement, pieces).bindArray("t", Long.class, bounds).bindArray("i", Integer.class, buckets)
                .bind("min", bounds.get(0)).bind("max", bounds.get(bounds.size() - 1));
    }

    /**
     * Pieces sorted by start and cut into clusters whose gaps are at most a day (so one range scan
     * per cluster never reads far outside the pieces), at most {@value #BATCH} pieces each.
     */
    private static List<List<StatsPiece>> clusters(Collection<StatsPiece> pieces) {
        List<StatsPiece> sorted = pieces.stream().sorted(java.util.Comparator.comparing(StatsPiece::start)).toList();
        List<List<StatsPiece>> out = new ArrayList<>();
        List<StatsPiece> cur = new ArrayList<>();
        for (StatsPiece p : sorted) {
            if (!cur.isEmpty() && (cur.size() >= BATCH
                    || p.start().isAfter(cur.get(cur.size() - 1).end().plus(java.time.Duration.ofDays(1))))) {
                out.add(cur);
                cur = new ArrayList<>();
            }
            cur.add(p);
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    @Override
    public long countRows(UUID userId, Instant from, Instant to, boolean daysOnly) {
        return tx.withHandle(h -> h.createQuery(COUNT_ROWS_SQL)
                .bind("u", userId).bind("from", Rows.ts(from)).bind("to", Rows.ts(to)).bind("daysOnly", daysOnly)
                .mapTo(Long.class).one());
    }

    @Override
    public long delete(UUID userId, Instant from, Instant to, boolean daysOnly) {
        return tx.withHandle(h -> {
            long rows = countRows(userId, from, to, daysOnly);
            h.createUpdate(DELETE_SQL)
                    .bind("u", userId).bind("from", Rows.ts(from)).bind("to", Rows.ts(to)).bind("daysOnly", daysOnly).execute();
            return rows;
        });
    }

    private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindPieces(S statement,
                                                                                       List<StatsPiece> pieces) {
        List<Long> s = new ArrayList<>(pieces.size());
        List<Long> e = new ArrayList<>(pieces.size());
        for (StatsPiece p : pieces) {
            s.add(micros(p.start()));
            e.add(micros(p.end()));
        }
        return statement.bindArray("s", Long.class, s).bindArray("e", Long.class, e);
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static List<List<StatsPiece>> batches(Collection<StatsPiece> pieces) {
        List<StatsPiece> all = List.copyOf(pieces);
        List<List<StatsPiece>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return out;
    }

    private static StatRow row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StatRow(Rows.instant(rs, "period_start"), rs.getString("provider_id"), rs.getString("model"),
                rs.getString("type"), rs.getLong("calls"), rs.getLong("success_calls"), rs.getLong("total_usage"),
                rs.getLong("input_tokens"), rs.getLong("output_tokens"), rs.getLong("credits"),
                rs.getLong("duration_ms"));
    }

}
