package dev.creditline.bootstrap;

import dev.creditline.persistence.Database;
import dev.creditline.persistence.ReadReplica;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings that take the service past one database (docs/configuration.md "Scaling",
 * docs/operations.md "Read replica", "PgBouncer"): {@code DATABASE_POOLER}, {@code DATABASE_READ_URL},
 * {@code DATABASE_READ_MAX_LAG} and {@code DATABASE_READ_POOL_SIZE}.
 */
final class DatabaseScaling {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseScaling.class);

    /** Replica lag bound when {@code DATABASE_READ_MAX_LAG} is unset. */
    static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(10);
    /** Replica pool size when {@code DATABASE_READ_POOL_SIZE} is unset. */
    static final int DEFAULT_READ_POOL_SIZE = 4;

    private DatabaseScaling() {
    }

    /** @throws ConfigException naming the first unusable variable of this group */
    static void validate(Map<String, String> env) {
        Settings.DatabaseSettings.from(env);
    }

    /**
     * Opens the read replica of {@code DATABASE_READ_URL} (if set) and attaches it to
     * {@code database}, so that {@link Database#reads()} routes to it.
     */
    static void attachReadReplica(Config config, Database database) {
        Settings.DatabaseSettings settings = config.settings().database();
        if (settings.readUrl().isEmpty()) {
            return;
        }
        DatabaseUrl read = settings.readUrl().get();
        Duration maxLag = settings.readMaxLag();
        database.attach(ReadReplica.open(read.jdbcUrl(), read.user(), read.password(), settings.readPoolSize(),
                settings.behindPooler(), database, maxLag));
        LOG.info("read replica configured: history, exports and all-users statistics read from it while its lag"
                + " is at most {} s", maxLag.toSeconds());
    }

    /**
     * The replica's meters: {@code creditline_read_replica_in_use} (1 while routed reads go to the
     * replica), {@code creditline_read_replica_lag_seconds} (NaN when unknown),
     * {@code creditline_read_replica_reads_total{target=replica|primary}} (connections handed to
     * routed reads) and the replica pool's {@code hikaricp_*{pool="creditline-read"}}.
     */
    static void bindMetrics(Database database, MeterRegistry registry) {
        database.readReplica().ifPresent(r -> {
            Gauge.builder("creditline_read_replica_in_use", r, x -> x.status().usable() ? 1 : 0)
                    .description("1 while routed reads go to the read replica, 0 while they fall back to the primary")
                    .register(registry);
            Gauge.builder("creditline_read_replica_lag_seconds", r, x -> x.status().lagSeconds())
                    .description("Replay lag of the read replica at the last check (NaN when unknown)")
                    .baseUnit("seconds").register(registry);
            FunctionCounter.builder("creditline_read_replica_reads", r, ReadReplica::replicaReads)
                    .tag("target", "replica").description("Routed reads served by the read replica")
                    .register(registry);
            FunctionCounter.builder("creditline_read_replica_reads", r, ReadReplica::primaryReads)
                    .tag("target", "primary").description("Routed reads served by the primary (replica bypassed)")
                    .register(registry);
            r.dataSource().setMetricsTrackerFactory(
                    new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(registry));
        });
    }
}
