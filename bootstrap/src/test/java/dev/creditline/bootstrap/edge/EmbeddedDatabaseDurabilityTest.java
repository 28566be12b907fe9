package dev.creditline.bootstrap.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.Config;
import dev.creditline.bootstrap.Creditline;
import dev.creditline.bootstrap.DatabaseUrl;
import dev.creditline.bootstrap.EmbeddedDatabase;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default (README's first command, data in {@code ./data}) keeps acknowledged writes:
 * it runs with fsync and synchronous_commit on, and a start after the JVM was killed with
 * {@code kill -9} stops the orphan postmaster of its data directory and comes up with every
 * acknowledged write (docs/operations.md "Zero setup").
 */
@DatabaseTest
class EmbeddedDatabaseDurabilityTest {

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDefaultRunsWithFsyncAndSynchronousCommitOn() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            assertThat(show(db.url(), "fsync")).isEqualTo("on");
            assertThat(show(db.url(), "synchronous_commit")).isEqualTo("on");
            assertThat(show(db.url(), "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void aStartAfterKillMinus9TakesOverTheOrphanPostmasterWithEveryAcknowledgedWrite() throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("child.log");
        Process child = startService(port, log);
        List<String> acknowledged = new ArrayList<>();
        long postmasterPid;
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            waitForHealth(http, port, child, log);
            for (int i = 0; i < 25; i++) {
                String email = "durable-" + i + "-" + UUID.randomUUID() + "@example.com";
                HttpResponse<String> r = createUser(http, port, email);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                acknowledged.add(email);
            }
            postmasterPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
        } finally {
            child.destroyForcibly().waitFor();
        }
        // The JVM is gone; its PostgreSQL is not.
        assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).contains(true);

        Map<String, String> restart = new HashMap<>();
        restart.put("DATA_DIR", dataDir.toString());
        restart.put("PORT", "0");
        restart.put("HOST", "127.0.0.1");
        try (Creditline service = Creditline.start(Config.from(restart))) {
            List<String> present = service.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT email FROM users WHERE email LIKE 'durable-%'").mapTo(String.class).list());
            assertThat(present).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
        assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aSecondStartInTheSameProcessAttachesToTheRunningServerAndLeavesItRunning() throws Exception {
        try (EmbeddedDatabase owner = EmbeddedDatabase.start(dataDir)) {
            EmbeddedDatabase second = EmbeddedDatabase.start(dataDir);
            assertThat(second.attached()).isTrue();
            assertThat(owner.attached()).isFalse();
            assertThat(show(second.url(), "port")).isEqualTo(show(owner.url(), "port"));
            second.close();
            // New connections still work: nothing asked the owner's server to shut down.
            assertThat(show(owner.url(), "fsync")).isEqualTo("on");
        }
    }

    @Test
    void aCommandNextToARunningServiceAttachesToItsDatabaseInsteadOfStoppingIt() throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("child.log");
        Process child = startService(port, log);
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            waitForHealth(http, port, child, log);
            long postmasterPid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
            // What `creditline verify-ledger` (or `migrate`) does with the same DATA_DIR.
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
                assertThat(db.attached()).isTrue();
                assertThat(show(db.url(), "fsync")).isEqualTo("on");
            }
            assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).contains(true);
            // The service's database still takes new connections and the service still answers.
            HttpResponse<String> r = createUser(http, port, "after-" + UUID.randomUUID() + "@example.com");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            int pgPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim());
            assertThat(show(new DatabaseUrl("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres",
                    "postgres"), "fsync")).isEqualTo("on");
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    /** The service in a child JVM on the embedded default of {@link #dataDir}, logging to {@code log}. */
    private Process startService(int port, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.creditline.bootstrap.Main", "serve")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("DATABASE_URL");
        env.put("DATA_DIR", dataDir.toString());
        env.put("PORT", String.valueOf(port));
        env.put("HOST", "127.0.0.1");
        env.put("ADAPTER_SECRET", TestService.ADAPTER_SECRET);
        env.put("LOG_FORMAT", "text");
        return pb.start();
    }

    /** {@code POST /api/internal/auth/users} of the child service (the Auth.js adapter's call). */
    private static HttpResponse<String> createUser(HttpClient http, int port, String email) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/internal/auth/users"))
                        .header("Content-Type", "application/json")
                        .header("X-Adapter-Secret", TestService.ADAPTER_SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void waitForHealth(HttpClient http, int port, Process child, Path log) throws Exception {
        boolean ready = Eventually.holdsWithin(Duration.ofSeconds(120), () -> {
            if (!child.isAlive()) {
                throw new AssertionError("the service exited: " + read(log));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
        if (ready) {
            return;
        }
        throw new AssertionError("the service did not start: " + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static String show(DatabaseUrl url, String setting) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
