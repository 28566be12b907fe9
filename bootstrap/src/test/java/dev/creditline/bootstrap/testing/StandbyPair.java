package dev.creditline.bootstrap.testing;

import dev.creditline.persistence.testing.Eventually;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and a hot standby streaming from it, both from the embedded binaries
 * (zonky ships {@code initdb}, {@code pg_ctl} and {@code postgres} only, so there is no
 * {@code pg_basebackup}): the primary is a zonky server with {@code wal_level=replica} and
 * {@code pg_stat_statements}; the standby is a file copy of its data directory taken between
 * {@code pg_backup_start()} and {@code pg_backup_stop()} (with the {@code backup_label} the latter
 * returns), plus {@code standby.signal}, {@code primary_conninfo} and a physical replication slot
 * that keeps the WAL the copy needs. The standby runs through {@code pg_ctl} exactly as zonky runs
 * its own binaries (through {@code unshare -U} when the JVM runs as root).
 */
public final class StandbyPair implements AutoCloseable {

    /** The database both servers serve to the service under test. */
    public static final String DATABASE = "creditline";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StandbyPair.class);
    private static final List<String> SKIPPED_CONTENTS = List.of("pg_wal", "pg_replslot", "pg_stat_tmp",
            "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map");

    private final EmbeddedPostgres primary;
    private final File pgDir;
    private final Path standbyDir;
    private final int standbyPort;
    private boolean standbyRunning;

    private StandbyPair(EmbeddedPostgres primary, File pgDir, Path standbyDir, int standbyPort) {
        this.primary = primary;
        this.pgDir = pgDir;
        this.standbyDir = standbyDir;
        this.standbyPort = standbyPort;
    }

    /** Starts the primary, creates {@value #DATABASE} (with pg_stat_statements), copies it and starts the standby. */
    public static StandbyPair start() {
        EmbeddedPostgres primary = null;
        long began = System.nanoTime();
        try {
            primary = EmbeddedPostgres.builder()
                    .setServerConfig("wal_level", "replica")
                    .setServerConfig("max_wal_senders", "4")
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            try (Connection c = primary.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            try (Connection c = primary.getDatabase("postgres", DATABASE).getConnection();
                 Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION pg_stat_statements");
                s.execute("SELECT pg_create_physical_replication_slot('standby', true)");
            }
            File pgDir = (File) field(primary, "pgDir");
            Path dataDir = ((File) field(primary, "dataDirectory")).toPath();
            Path standbyDir = Files.createTempDirectory("creditline-standby-");
            baseBackup(primary, dataDir, standbyDir);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Files.writeString(standbyDir.resolve("postgresql.conf"), "\n# standby of the test primary\n"
                    + "port = " + port + "\nlisten_addresses = 'localhost'\nhot_standby = on\n"
                    + "primary_conninfo = 'host=localhost port=" + primary.getPort()
                    + " user=postgres application_name=standby'\nprimary_slot_name = 'standby'\n"
                    + "shared_preload_libraries = 'pg_stat_statements'\nfsync = off\nmax_connections = 100\n"
                    + "wal_receiver_status_interval = 1\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            Files.createFile(standbyDir.resolve("standby.signal"));
            StandbyPair pair = new StandbyPair(primary, pgDir, standbyDir, port);
            long copied = System.nanoTime();
            pair.startStandby();
            LOG.info("primary and standby up in {} ms (standby start {} ms)", (System.nanoTime() - began) / 1_000_000,
                    (System.nanoTime() - copied) / 1_000_000);
            return pair;
        } catch (IOException e) {
            closeQuietly(primary);
            throw new UncheckedIOException(e);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(primary);
            throw new IllegalStateException("could not start a primary and its standby", e);
        }
    }

    /** Copies the primary's files between pg_backup_start and pg_backup_stop and writes the backup label. */
    private static void baseBackup(EmbeddedPostgres primary, Path dataDir, Path target) throws SQLException, IOException {
        try (Connection c = primary.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_backup_start('standby', true)");
            copyTree(dataDir, target);
            try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString(1), StandardCharsets.UTF_8);
            }
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(dir);
                Files.createDirectories(to.resolve(rel.toString()));
                if (rel.getNameCount() == 1 && SKIPPED_CONTENTS.contains(rel.toString())) {
                    if (rel.toString().equals("pg_wal")) {
                        Files.createDirectories(to.resolve("pg_wal/archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(file);
                if (rel.getNameCount() == 1 && SKIPPED_FILES.contains(rel.toString())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(rel.toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException gone) {
                    // removed by the running primary while copying: WAL replay recreates what matters
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** Starts the standby and waits until it accepts connections in recovery. */
    public void startStandby() {
        pgCtl("-D", standbyDir.toString(), "-l", standbyDir.resolve("standby.log").toString(), "-w", "-t", "60",
                "start");
        standbyRunning = true;
        AtomicReference<SQLException> last = new AtomicReference<>();
        boolean up = Eventually.holdsWithin(Duration.ofSeconds(30), () -> {
            try (Connection c = standbyConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IllegalStateException("the standby is not in recovery");
                }
                return true;
            } catch (SQLException e) {
                last.set(e);
                return false;
            }
        });
        if (!up) {
            throw new IllegalStateException("the standby did not start: " + last.get().getMessage(), last.get());
        }
    }

    /** Stops the standby (fast shutdown: open sessions are terminated). */
    public void stopStandby() {
        if (standbyRunning) {
            standbyRunning = false;
            pgCtl("-D", standbyDir.toString(), "-m", "fast", "-w", "-t", "30", "stop");
        }
    }

    /** JDBC URL (with credentials) of {@value #DATABASE} on the primary. */
    public String primaryUrl() {
        return "jdbc:postgresql://localhost:" + primary.getPort() + "/" + DATABASE + "?user=postgres";
    }

    /** JDBC URL (with credentials) of {@value #DATABASE} on the standby. */
    public String standbyUrl() {
        return "jdbc:postgresql://localhost:" + standbyPort + "/" + DATABASE + "?user=postgres";
    }

    /** A new connection to {@value #DATABASE} on the primary. */
    public Connection primaryConnection() throws SQLException {
        return DriverManager.getConnection(primaryUrl());
    }

    /** A new connection to {@value #DATABASE} on the standby. */
    public Connection standbyConnection() throws SQLException {
        return DriverManager.getConnection(standbyUrl());
    }

    /** Runs one statement on the standby and returns the first column of its rows as text. */
    public List<String> onStandby(String sql) {
        return query(true, sql);
    }

    /** Runs one statement on the primary and returns the first column of its rows as text. */
    public List<String> onPrimary(String sql) {
        return query(false, sql);
    }

    private List<String> query(boolean standby, String sql) {
        try (Connection c = standby ? standbyConnection() : primaryConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(new File(pgDir, "bin/pg_ctl").getPath());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed; log: " + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String log() {
        try {
            return Files.readString(standbyDir.resolve("standby.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Object field(EmbeddedPostgres pg, String name) {
        try {
            Field f = EmbeddedPostgres.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(pg);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("zonky's EmbeddedPostgres has no field " + name, e);
        }
    }


    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    @Override
    public void close() {
        try {
            stopStandby();
        } finally {
            closeQuietly(primary);
            try (Stream<Path> files = Files.walk(standbyDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory
            }
        }
    }
}
