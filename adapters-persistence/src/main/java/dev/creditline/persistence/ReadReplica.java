package dev.creditline.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.LoggerFactory;

/**
 * A streaming replica (hot standby) that serves the reads which need no read-your-writes
 * (docs/operations.md "Read replica"): its own small pool, a lag check every second, and
 * {@link #reads()}, transactions whose connections come from the replica while it is up and
 * lags at most {@code maxLag}, else from the primary. A replica that is down or lagging never
 * fails a read: the read runs on the primary.
 *
 * <p>Lag is measured without trusting either server's clock: every check first samples the
 * primary's WAL position ({@code pg_current_wal_lsn()}), then reads the standby's replay position
 * ({@code pg_last_wal_replay_lsn()}); the lag is the age of the newest sample the standby has
 * replayed past (0 when it has replayed the sample just taken). When the primary cannot be
 * sampled, the standby's own estimate is used ({@code now() - pg_last_xact_replay_timestamp()},
 * 0 when everything received is replayed). A server that is not in recovery has lag 0.
 */
public final class ReadReplica implements AutoCloseable {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReadReplica.class);

    /** How often the lag is checked. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Statement timeout of the checks, in seconds. */
    private static final int CHECK_TIMEOUT_SECONDS = 2;
    private static final String STANDBY_STATE_SQL = Sql.load("replica/standby-state.sql");
    private static final String PRIMARY_POSITION_SQL = Sql.load("replica/primary-position.sql");

    /** Where routed reads go and why. */
    public enum State {
        /** Not checked yet: reads go to the primary. */
        STARTING,
        /** Up and within the lag bound: reads go to the replica. */
        OK,
        /** Up but behind by more than the bound (or not yet known to be within it): primary. */
        LAGGING,
        /** Does not answer: primary. */
        DOWN
    }

    /**
     * The last check's outcome.
     *
     * @param state      what the check found
     * @param lagSeconds the measured replay lag in seconds; a lower bound when {@code LAGGING}
     *                   and the history is too short; NaN when unknown
     * @param detail     a short reason for STARTING, LAGGING or DOWN (for /ready and logs)
     */
    public record Status(State state, double lagSeconds, String detail) {

        /** Whether routed reads go to the replica. */
        public boolean usable() {
            return state == State.OK;
        }
    }

    private record Sample(long nanos, long lsn) {
    }

    private final HikariDataSource pool;
    private final Jdbi primary;
    private final DataSource primaryDataSource;
    private final Duration maxLag;
    private final JdbiTransactions reads;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final LongAdder replicaReads = new LongAdder();
    private final LongAdder primaryReads = new LongAdder();
    private final ThreadLocal<Boolean> lastFromReplica = ThreadLocal.withInitial(() -> false);
    private final ScheduledExecutorService checker;
    private volatile Status status = new Status(State.STARTING, Double.NaN, "not checked yet");

    private ReadReplica(HikariDataSource pool, Database primary, Duration maxLag, boolean scheduleChecks) {
        this.pool = pool;
        this.primary = primary.jdbi();
        this.primaryDataSource = primary.dataSource();
        this.maxLag = maxLag;
        this.reads = new JdbiTransactions(Jdbi.create(new RoutingDataSource()).installPlugin(new PostgresPlugin()),
                this::failover);
        if (scheduleChecks) {
            this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "read-replica-check");
                t.setDaemon(true);
                return t;
            });
            checker.scheduleWithFixedDelay(this::checkQuietly, 0, CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            this.checker = null;
        }
    }

    /**
     * Opens the replica's pool (without failing when the replica is down: it is then bypassed)
     * and starts the lag checks.
     *
     * @param jdbcUrl      {@code jdbc:postgresql://host:port/db} of the standby
     * @param poolSize     its pool's size (1..200)
     * @param behindPooler whether a pooler in transaction mode is in front (see {@link Database#open})
     * @param primary      the primary, for WAL position samples and as the fallback
     * @param maxLag       the most lag at which reads still go to the replica
     */
    public static ReadReplica open(String jdbcUrl, String user, String password, int poolSize, boolean behindPooler,
                                   Database primary, Duration maxLag) {
        return new ReadReplica(new HikariDataSource(replicaPoolConfig(jdbcUrl, user, password, poolSize,
                behindPooler)), primary, maxLag, true);
    }

    /** As {@link #open}, without the background checks: call {@link #check()} (tests). */
    static ReadReplica openUnscheduled(String jdbcUrl, String user, String password, Database primary,
                                       Duration maxLag) {
        return new ReadReplica(new HikariDataSource(replicaPoolConfig(jdbcUrl, user, password, 2, false)), primary,
                maxLag, false);
    }

    private static HikariConfig replicaPoolConfig(String jdbcUrl, String user, String password, int poolSize,
                                                  boolean behindPooler) {
        HikariConfig config = Database.poolConfig(jdbcUrl, user, password, poolSize, behindPooler, "creditline-read");
        // A replica that is down must cost a request little before it falls back to the primary.
        config.setConnectionTimeout(1_000);
        config.setValidationTimeout(500);
        config.setMinimumIdle(Math.min(2, poolSize));
        // Start even when the replica is down: it is bypassed until a check finds it.
        config.setInitializationFailTimeout(-1);
        config.setReadOnly(true);
        return config;
    }

    /** Transactions for reads that need no read-your-writes: on the replica when usable, else on the primary. */
    public JdbiTransactions reads() {
        return reads;
    }

    /** The last check's outcome. */
    public Status status() {
        return status;
    }

    /** The lag bound. */
    public Duration maxLag() {
        return maxLag;
    }

    /** Connections handed to routed reads by the replica since start. */
    public long replicaReads() {
        return replicaReads.sum();
    }

    /** Connections handed to routed reads by the primary since start (replica down, lagging or starting). */
    public long primaryReads() {
        return primaryReads.sum();
    }

    /** The replica's own pool (for pool metrics). */
    public HikariDataSource dataSource() {
        return pool;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("read replica check failed: {}", e.toString());
        }
    }

    /** Checks the replica once now and updates {@link #status()}. */
    public synchronized Status check() {
        long now = System.nanoTime();
        Long primaryLsn = samplePrimary();
        if (primaryLsn != null) {
            samples.addLast(new Sample(now, primaryLsn));
            long keep = maxLag.plus(CHECK_INTERVAL.multipliedBy(3)).toNanos();
            while (samples.size() > 1 && now - samples.peekFirst().nanos() > keep) {
                samples.removeFirst();
            }
        }
        Status next;
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(STANDBY_STATE_SQL)) {
            ps.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                boolean inRecovery = rs.getBoolean(1);
                String replay = rs.getString(2);
                double ownEstimate = rs.getDouble(3);
                boolean ownEstimateKnown = !rs.wasNull();
                if (!inRecovery) {
                    next = new Status(State.OK, 0, "not a standby");
                } else if (primaryLsn == null || replay == null) {
                    next = ownEstimateKnown
                            ? bounded(ownEstimate, "primary not sampled; standby's own estimate")
                            : new Status(State.LAGGING, Double.NaN, "lag unknown");
                } else {
                    next = fromSamples(parseLsn(replay), now);
                }
            }
        } catch (SQLException | RuntimeException e) {
            next = new Status(State.DOWN, Double.NaN, "does not answer: " + e.getMessage());
        }
        transition(next);
        return next;
    }

    private Status fromSamples(long replayLsn, long now) {
        Sample newestReplayed = null;
        for (Sample s : samples) {
            if (s.lsn() <= replayLsn) {
                newestReplayed = s;
            }
        }
        if (newestReplayed == null) {
            double atLeast = (now - samples.peekFirst().nanos()) / 1e9;
            return new Status(State.LAGGING, atLeast, "behind every WAL position sampled in the last "
                    + Math.round(atLeast) + " s");
        }
        return bounded((now - newestReplayed.nanos()) / 1e9, "replay lag");
    }

    private Status bounded(double lagSeconds, String how) {
        double lag = Math.max(0, lagSeconds);
        return lag <= maxLag.toMillis() / 1000.0
                ? new Status(State.OK, lag, how)
                : new Status(State.LAGGING, lag, how + " above DATABASE_READ_MAX_LAG");
    }

    private Long samplePrimary() {
        try {
            return primary.withHandle(h -> h.createQuery(PRIMARY_POSITION_SQL)
                    .setQueryTimeout(CHECK_TIMEOUT_SECONDS).mapTo(String.class).findOne().map(ReadReplica::parseLsn)
                    .orElse(null));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A {@code pg_lsn} text ({@code 16/B374D848}) as a number. */
    static long parseLsn(String lsn) {
        int slash = lsn.indexOf('/');
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }

    private void transition(Status next) {
        Status previous = status;
        status = next;
        if (previous.state() != next.state()) {
            if (next.usable()) {
                LOG.info("read replica in use (lag {} s)", String.format("%.1f", next.lagSeconds()));
            } else if (next.state() != State.STARTING) {
                LOG.warn("read replica bypassed, reads go to the primary: {} ({})", next.state(), next.detail());
            }
        }
    }

    /** Marks the replica down until the next check finds it again. */
    private void markDown(String why) {
        Status s = status;
        if (s.usable()) {
            transition(new Status(State.DOWN, Double.NaN, why));
        }
    }

    /**
     * Accepts a failure for one retry when it is a connection failure of a replica connection:
     * the replica is marked down, so the retry runs on the primary.
     */
    private boolean failover(RuntimeException e) {
        if (!lastFromReplica.get() || !isConnectionFailure(e)) {
            return false;
        }
        lastFromReplica.set(false);
        markDown("a read failed: " + e.getMessage());
        return true;
    }

    /** SQLSTATE class 08 (connection exception), 57P01..57P03 (shutdown, cannot connect now). */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.shutdownNow();
        }
        pool.close();
    }

    /** Connections for {@link #reads()}: the replica's while it is usable, else the primary's. */
    private final class RoutingDataSource implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            if (status.usable()) {
                try {
                    Connection c = pool.getConnection();
                    lastFromReplica.set(true);
                    replicaReads.increment();
                    return c;
                } catch (SQLException e) {
                    markDown("no connection: " + e.getMessage());
                }
            }
            lastFromReplica.set(false);
            Connection c = primaryDataSource.getConnection();
            primaryReads.increment();
            return c;
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pools' own credentials are used");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // no driver-level logging
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the pools' own timeouts apply
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
