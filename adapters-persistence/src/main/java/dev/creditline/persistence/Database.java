package dev.creditline.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
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
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("creditline");
        config.setConnectionTimeout(10_000);
        // Set once per connection, so JdbiTransactions need not ask for it on every transaction.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "creditline");
        return new Database(new HikariDataSource(config));
    }

    /** Applies pending Flyway migrations from {@code classpath:db/migration}. */
    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .load().migrate();
    }

    /** Applies pending migrations to this database. */
    public MigrateResult migrate() {
        return migrate(dataSource);
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
