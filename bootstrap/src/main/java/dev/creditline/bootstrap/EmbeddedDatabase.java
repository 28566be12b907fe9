package dev.creditline.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup default: a PostgreSQL server run from the embedded binaries (zonky), its data
 * kept under {@code <DATA_DIR>/postgres} between runs.
 *
 * <p>Durable like any PostgreSQL (docs/operations.md "Zero setup"): {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} are on, overriding zonky's test
 * defaults, so an acknowledged write survives an OS crash. A postmaster left running by a
 * killed JVM ({@code kill -9}) is stopped before the next start (its clients died with that
 * JVM); PostgreSQL's own recovery then brings back every committed write.
 *
 * <p>Who owns the server: the process that started it holds an exclusive lock on
 * {@code <DATA_DIR>/postgres.lock} for as long as it runs (the operating system drops the lock when
 * the process dies, {@code kill -9} included). A second process on the same data directory — the
 * {@code verify-ledger} or {@code migrate} command next to a running service, or a second service —
 * finds the lock held and <em>attaches</em> to the running server (port from its
 * {@code postmaster.pid}) instead of treating it as an orphan: stopping it would take the running
 * service's database away. Only a postmaster whose owner is gone is stopped.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** How long an orphan postmaster gets to shut down (smart, then fast) before start-up gives up. */
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    /** How long an attaching process waits for the owner's server to say its port. */
    private static final Duration ATTACH_WAIT = Duration.ofSeconds(60);

    /** The server this process started, or null when attached to another process's. */
    private final EmbeddedPostgres postgres;
    /** The owner's lock (null when attached); released by {@link #close()}. */
    private final FileChannel lock;
    /** Where to connect when attached. */
    private final DatabaseUrl attachedUrl;

    private EmbeddedDatabase(EmbeddedPostgres postgres, FileChannel lock, DatabaseUrl attachedUrl) {
        this.postgres = postgres;
        this.lock = lock;
        this.attachedUrl = attachedUrl;
    }

    /**
     * Starts (initialising on first use) the server whose data lives in {@code dataDir/postgres}, or,
     * when another live process owns it, attaches to that process's running server.
     *
     * @throws IllegalStateException when an orphan postmaster does not stop, or an owner's server does
     *                               not say its port within a minute
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        FileChannel lock = null;
        try {
            Files.createDirectories(pgData);
            lock = FileChannel.open(dataDir.resolve("postgres.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (!tryOwn(lock)) {
                lock.close();
                return attach(pgData);
            }
            stopOrphanPostmaster(pgData);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // Stopped by close() after the HTTP server and the pool: zonky's own shutdown
                    // hook would stop PostgreSQL while in-flight requests still need it.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200")
                    // zonky starts PostgreSQL with -F (fsync off) and synchronous_commit=off, fine
                    // for throw-away test databases, not for the data of a running service.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            LOG.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), pgData);
            return new EmbeddedDatabase(pg, lock, null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lock);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgData, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Takes the owner's lock; false when another process (or this one) holds it. */
    private static boolean tryOwn(FileChannel channel) throws IOException {
        try {
            FileLock held = channel.tryLock();
            return held != null;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM already owns the server
        }
    }

    /**
     * Connects to the server another live process owns: its port is line 4 of {@code postmaster.pid}
     * (PostgreSQL's own file), waited for while the owner may still be starting it.
     */
    private static EmbeddedDatabase attach(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        Instant deadline = Instant.now().plus(ATTACH_WAIT);
        while (true) {
            if (Files.isRegularFile(pidFile)) {
                List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
                if (lines.size() >= 8 && lines.get(7).trim().equals("ready")) {
                    int port = Integer.parseInt(lines.get(3).trim());
                    LOG.warn("another Creditline process runs the embedded PostgreSQL of {} (port {}): using it;"
                            + " it stops when that process stops", pgData, port);
                    return new EmbeddedDatabase(null, null, new DatabaseUrl(
                            "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres"));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("another Creditline process owns the embedded PostgreSQL of "
                        + pgData + " (" + pgData.getParent().resolve("postgres.lock") + ") but its server is not"
                        + " ready; stop that process or wait for it");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embedded PostgreSQL", e);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // releasing the lock of a failed start: nothing else to do
            }
        }
    }

    /**
     * Stops the postmaster that still runs on {@code pgData} when the JVM that started it was
     * killed: PostgreSQL's {@code postmaster.pid} names its process; when that process is alive
     * and is a {@code postgres} server it gets SIGTERM (smart shutdown: its sessions died with
     * the killed JVM, so it checkpoints and exits), then, if it is still up, a fast shutdown
     * through the {@code pg_ctl} next to its binary. A pid file naming a dead or unrelated
     * process is left to PostgreSQL, which treats it as stale.
     *
     * @throws IllegalStateException when the orphan does not stop within {@link #ORPHAN_STOP_WAIT}
     */
    static void stopOrphanPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (orphan.isEmpty() || !isPostgresOf(orphan.get(), lines.get(1).trim(), pgData)) {
            return;
        }
        ProcessHandle p = orphan.get();
        LOG.warn("a PostgreSQL (pid {}) left running by a previous, killed start still serves {}: stopping it",
                pid, pgData);
        p.destroy();
        if (waitForExit(p, ORPHAN_STOP_WAIT.dividedBy(2))) {
            LOG.info("orphan PostgreSQL (pid {}) stopped", pid);
            return;
        }
        Optional<Path> pgCtl = p.info().command().map(Path::of).map(c -> c.resolveSibling("pg_ctl"))
                .filter(Files::isExecutable);
        if (pgCtl.isPresent()) {
            try {
                new ProcessBuilder(pgCtl.get().toString(), "stop", "-D", pgData.toString(), "-m", "fast", "-w",
                        "-t", String.valueOf(ORPHAN_STOP_WAIT.dividedBy(2).toSeconds()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!waitForExit(p, Duration.ofSeconds(5))) {
            throw new IllegalStateException("the PostgreSQL (pid " + pid + ") left running on " + pgData
                    + " by a previous start does not stop; stop it (kill " + pid + ") and start again");
        }
        LOG.info("orphan PostgreSQL (pid {}) stopped", pid);
    }

    private static boolean isPostgresOf(ProcessHandle p, String pidFileDataDir, Path pgData) {
        boolean postgresBinary = p.info().command().map(c -> Path.of(c).getFileName().toString())
                .map(name -> name.equals("postgres") || name.equals("postmaster")).orElse(false);
        boolean sameDir;
        try {
            sameDir = Files.isSameFile(Path.of(pidFileDataDir), pgData);
        } catch (IOException | RuntimeException e) {
            sameDir = false;
        }
        return postgresBinary && sameDir;
    }

    private static boolean waitForExit(ProcessHandle p, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        while (p.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !p.isAlive();
            }
        }
        return !p.isAlive();
    }

    /** Where to connect. */
    public DatabaseUrl url() {
        return postgres == null ? attachedUrl
                : new DatabaseUrl(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    /** True when another process owns the server and this one only connects to it. */
    public boolean attached() {
        return postgres == null;
    }

    /** Stops the server this process started and releases its lock; an attached one is left running. */
    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(lock);
        }
    }
}
