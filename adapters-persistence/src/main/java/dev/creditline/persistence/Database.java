package dev.creditline.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
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

    /** Default {@code statement_timeout} of pooled connections ({@code DATABASE_STATEMENT_TIMEOUT_MS}). */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final JdbiTransactions transactions;
    private final String jdbcUrl;
    private final String user;
    private final String password;

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
        return open(jdbcUrl, user, password, poolSize, DEFAULT_CONNECT_TIMEOUT);
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
        return open(jdbcUrl, user, password, poolSize, connectTimeout, DEFAULT_STATEMENT_TIMEOUT);
    }

    /**
     * As {@link #open(String, String, String, int, Duration)}; every connection also has the session
     * time zone UTC and the given {@code statement_timeout}, both set once when it is made.
     *
     * <p>The time zone: pgjdbc sends the JVM's default zone as the {@code TimeZone} startup
     * parameter, which wins over an {@code options=-c TimeZone=UTC}; so it is set by
     * {@code SET TIME ZONE} right after connecting. PgBouncer tracks {@code TimeZone} per client
     * and re-applies it on every server connection it lends in transaction pooling, so the setting
     * survives there too; and every SQL time computation names its zone anyway (docs/analytics.md
     * "Time zones in SQL").
     *
     * @param statementTimeout longest a statement may run before PostgreSQL cancels it (SQLSTATE
     *                         57014, answered 503); zero disables it
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
                                Duration connectTimeout, Duration statementTimeout) {
        HikariConfig config = new HikariConfig();
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        // Hikari would silently raise a validation timeout above the connection timeout to 5 s.
        config.setValidationTimeout(Math.max(250, connectTimeout.toMillis() / 2));
        long driverSeconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
        config.addDataSourceProperty("connectTimeout", String.valueOf(driverSeconds));
        config.addDataSourceProperty("loginTimeout", String.valueOf(driverSeconds));
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("creditline");
        // Set once per connection, so JdbiTransactions need not ask for it on every transaction.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "creditline");
        config.setConnectionInitSql("SET TIME ZONE 'UTC'; SET statement_timeout = " + statementTimeout.toMillis());
        return new Database(new HikariDataSource(config), jdbcUrl, user, password);
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

    @Override
    public void close() {
        dataSource.close();
    }
}
