package dev.creditline.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup default: a PostgreSQL server run from the embedded binaries (zonky), its data
 * kept under {@code <DATA_DIR>/postgres} between runs (product.md "Two commands").
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts (initialising on first use) the server whose data lives in {@code dataDir/postgres}. */
    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        try {
            Files.createDirectories(pgData);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // Stopped by close() after the HTTP server and the pool: zonky's own shutdown
                    // hook would stop PostgreSQL while in-flight requests still need it.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    .start();
            LOG.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), pgData);
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgData, e);
        }
    }

    /** Where to connect. */
    public DatabaseUrl url() {
        return new DatabaseUrl(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
