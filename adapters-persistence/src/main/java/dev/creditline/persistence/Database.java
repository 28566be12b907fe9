package dev.creditline.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The PostgreSQL connection pool, schema migrations and JDBI instance of one running service.
 * Close it to close the pool.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final JdbiTransactions transactions;
    private volatile ReadReplica readReplica;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    /** Default {@code statement_timeout} of pooled connections ({@code DATABASE_STATEMENT_TIMEOUT_MS}). */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private Database(HikariDataSource dataSource, String jdbcUrl, String user, String password) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        this.transactions = new JdbiTransactions(jdbi);
    }

    /**
     * Opens a Hikari pool whose connections are READ COMMITTED (set once when a connection is
     * made; {@link JdbiTransactions} relies on it).
     *
     * @param jdbcUrl  {@code jdbc:postgresql://host:port/db}
     * @param poolSize maximum connections (1..200)
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        return open(jdbcUrl, user, password, poolSize, DEFAULT_CONNECT_TIMEOUT, false);
    }

    /** How long a request waits for a connection before it is answered 503 (docs/operations.md "Database outage"). */
    public static final java.time.Duration DEFAULT_CONNECT_TIMEOUT = java.time.Duration.ofSeconds(2);

    /**
     * As {@link #open(String, String, String, int)}, with the longest wait for a connection:
     * the pool's connection timeout, and the driver's connect and login timeouts (whole seconds,
     * at least 1), so that with the database unreachable a request fails within about
     * {@code connectTimeout} instead of hanging, and the pool reconnects by itself once the
     * database is back.
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
                                java.time.Duration connectTimeout) {
        return open(jdbcUrl, user, password, poolSize, connectTimeout, false);
    }

    /** As {@link #open(String, String, String, int, Duration, Duration, boolean)} without a pooler. */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
                                Duration connectTimeout, Duration statementTimeout) {
        return open(jdbcUrl, user, password, poolSize, connectTimeout, statementTimeout, false);
    }

    /**
     * As {@link #open(String, String, String, int)}; {@code behindPooler} says a connection pooler
     * in transaction mode (PgBouncer {@code pool_mode=transaction}) is in front of PostgreSQL.
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize, boolean behindPooler) {
        return open(jdbcUrl, user, password, poolSize, DEFAULT_CONNECT_TIMEOUT, behindPooler);
    }

    /**
     * As {@link #open(String, String, String, int, java.time.Duration)}; {@code behindPooler} says a
     * connection pooler in transaction mode (PgBouncer {@code pool_mode=transaction}) is in front
     * of PostgreSQL.
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
                                java.time.Duration connectTimeout, boolean behindPooler) {
        return open(jdbcUrl, user, password, poolSize, connectTimeout, DEFAULT_STATEMENT_TIMEOUT, behindPooler);
    }

    /**
     * As {@link #open(String, String, String, int, java.time.Duration, boolean)}; every connection
     * also has the session time zone UTC and, unless a pooler is in front, the given
     * {@code statement_timeout}, both set once when it is made.
     *
     * <p>The time zone: pgjdbc sends the JVM's default zone as the {@code TimeZone} startup
     * parameter, which wins over an {@code options=-c TimeZone=UTC}; so it is set by
     * {@code SET TIME ZONE} right after connecting. PgBouncer tracks {@code TimeZone} per client
     * and re-applies it on every server connection it lends in transaction pooling, so the setting
     * survives there too; and every SQL time computation names its zone anyway (docs/analytics.md
     * "Time zones in SQL"). PgBouncer does not track {@code statement_timeout}: behind a pooler it
     * is set per role ({@code ALTER ROLE … SET statement_timeout}), docs/configuration.md.
     *
     * @param statementTimeout longest a statement may run before PostgreSQL cancels it (SQLSTATE
     *                         57014, answered 503); zero disables it
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
                                Duration connectTimeout, Duration statementTimeout, boolean behindPooler) {
        HikariConfig config = poolConfig(jdbcUrl, user, password, poolSize, behindPooler, "creditline");
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        // Hikari would silently raise a validation timeout above the connection timeout to 5 s.
        config.setValidationTimeout(Math.max(250, connectTimeout.toMillis() / 2));
        long driverSeconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
        config.addDataSourceProperty("connectTimeout", String.valueOf(driverSeconds));
        config.addDataSourceProperty("loginTimeout", String.valueOf(driverSeconds));
        // Set once per connection, so JdbiTransactions need not ask for it on every transaction.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (!behindPooler) {
            // A startup parameter, not a SET: PgBouncer would refuse the parameter, and lose the SET.
            config.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
        }
        return new Database(new HikariDataSource(config), jdbcUrl, user, password);
    }

    /**
     * The pool settings shared by the primary's and the read replica's pools. Behind a pooler in
     * transaction mode, consecutive transactions of one client run on different server
     * connections, so the driver must keep no state on a server connection between transactions:
     * {@code prepareThreshold=0} makes pgjdbc use unnamed statements only (PgBouncer before 1.21
     * cannot follow named server-side prepared statements). Everything else the service does is
     * transaction-scoped already (advisory locks are {@code pg_advisory_xact_lock}, settings are
     * {@code SET LOCAL}); docs/operations.md "PgBouncer".
     */
    static HikariConfig poolConfig(String jdbcUrl, String user, String password, int poolSize,
                                   boolean behindPooler, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName(poolName);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", poolName);
        if (behindPooler) {
            config.addDataSourceProperty("prepareThreshold", "0");
        }
        config.setConnectionInitSql("SET TIME ZONE 'UTC'");
        return config;
    }

    /** Applies pending Flyway migrations from {@code classpath:db/migration}. */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .load().migrate();
    }

    /**
     * Applies pending migrations to this database on a connection of its own, outside the pool:
     * a backfill may run longer than the pool's {@code statement_timeout}.
     */
    public MigrateResult migrate() {
        // Migrations name their zones explicitly, so the session zone of this connection does not matter.
        return Flyway.configure().dataSource(jdbcUrl, user, password).locations("classpath:db/migration")
                .load().migrate();
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public JdbiTransactions transactions() {
        return transactions;
    }

    /**
     * Routes {@link #reads()} through {@code replica} from now on; it is closed with this
     * database. Call once, while wiring, before the reads are handed out.
     */
    public void attach(ReadReplica replica) {
        this.readReplica = replica;
    }

    /** The read replica, when one is attached. */
    public Optional<ReadReplica> readReplica() {
        return Optional.ofNullable(readReplica);
    }

    /**
     * Transactions for reads that need no read-your-writes (history, exports, all-users
     * statistics): on the read replica when one is attached and usable, else on this database.
     */
    public JdbiTransactions reads() {
        ReadReplica r = readReplica;
        return r == null ? transactions : r.reads();
    }

    @Override
    public void close() {
        ReadReplica r = readReplica;
        if (r != null) {
            r.close();
        }
        dataSource.close();
    }
}
