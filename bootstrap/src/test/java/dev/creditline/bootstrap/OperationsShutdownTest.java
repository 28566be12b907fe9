package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on a running service (a child JVM on the embedded PostgreSQL, as {@code java -jar}
 * runs it) during a stream of writes: every request either completed or was refused cleanly,
 * none is half-applied, the embedded PostgreSQL stopped, and the service restarts on the same
 * data directory (issue 6 "Graceful shutdown").
 */
@DatabaseTest
class OperationsShutdownTest {

    @TempDir
    Path dir;

    @Test
    void sigterm_during_a_stream_of_writes_completes_or_refuses_each_request_and_restarts_on_the_same_data() throws Exception {
        int port = freePort();
        Process server = child(port, "serve", "serve-1.log");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        waitReady(http, port, server);

        Set<String> completed = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            Thread w = new Thread(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String email = "stream-" + thread + "-" + n + "@example.com";
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                        + "/api/internal/auth/users")).timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/json")
                                .header("X-Adapter-Secret", TestService.ADAPTER_SECRET)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            completed.add(email);
                        } else if (r.statusCode() == 503) {
                            refused.add(email);
                        } else {
                            unexpected.add(email + " " + r.statusCode() + " " + r.body());
                        }
                    } catch (IOException e) {
                        refused.add(email + " " + e);
                        sleep(20); // real time: a short back-off while the server is unreachable
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            w.start();
            writers.add(w);
        }
        // a cold JVM on a loaded machine may take longer than the stream's first 1.5 s to answer at all
        Eventually.holdsWithin(Duration.ofSeconds(30), () -> !completed.isEmpty());
        sleep(1500); // real time: writes stream for a while before the SIGTERM lands among them
        int before = completed.size();
        server.destroy(); // SIGTERM
        assertThat(server.waitFor(40, TimeUnit.SECONDS)).as("the service exits after SIGTERM").isTrue();
        stop.set(true);
        for (Thread w : writers) {
            w.join(30_000);
        }
        String log = Files.readString(dir.resolve("serve-1.log"));
        assertThat(log).contains("shutting down").contains("Creditline stopped");
        assertThat(before).as("requests completed before SIGTERM").isPositive();
        assertThat(unexpected).as("answers other than 201 or a clean refusal").isEmpty();
        assertThat(dir.resolve("data/postgres/postmaster.pid")).as("embedded PostgreSQL stopped").doesNotExist();

        // The books after restart: every completed request is there, none is half-applied.
        Process verify = child(port, "verify-ledger", "verify.log");
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(Files.readString(dir.resolve("verify.log"))).isZero();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("data/postgres"))
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            Jdbi jdbi = Jdbi.create(pg.getJdbcUrl("postgres", "postgres"));
            Set<String> stored = Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT email FROM users")
                    .mapTo(String.class).list()));
            assertThat(stored).containsAll(completed);
            long withoutBonus = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users u WHERE NOT EXISTS "
                    + "(SELECT 1 FROM credit_ledger l WHERE l.user_id = u.id AND l.reason = 'signup_bonus')")
                    .mapTo(Long.class).one());
            long wrongBalance = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM users u WHERE credits_balance <> "
                    + "(SELECT coalesce(sum(delta), 0) FROM credit_ledger l WHERE l.user_id = u.id)").mapTo(Long.class).one());
            assertThat(withoutBonus).isZero();
            assertThat(wrongBalance).isZero();
            // a refused request may still have committed (its answer lost), but never twice or partly
            assertThat(stored.size()).isLessThanOrEqualTo(completed.size() + refused.size());
        }

        Process again = child(port, "serve", "serve-2.log");
        try {
            waitReady(http, port, again);
            String any = completed.iterator().next();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/internal/auth/users/by-email/" + any))
                    .header("X-Adapter-Secret", TestService.ADAPTER_SECRET).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains(any).contains("\"credits_balance\":10000");
        } finally {
            again.destroy();
            assertThat(again.waitFor(40, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Process child(int port, String command, String logName) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, Main.class.getName(), command)
                .redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("DATABASE_") || k.startsWith("STRIPE_") || k.equals("FRONTEND_URL"));
        env.put("PORT", Integer.toString(port));
        env.put("HOST", "127.0.0.1");
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("ADAPTER_SECRET", TestService.ADAPTER_SECRET);
        env.put("SERVICE_SECRET", TestService.SERVICE_SECRET);
        env.put("AUTH_SECRET", TestService.AUTH_SECRET);
        env.put("LOG_FORMAT", "text");
        pb.directory(new File(dir.toString()));
        return pb.start();
    }

    private void waitReady(HttpClient http, int port, Process process) throws Exception {
        boolean ready = Eventually.holdsWithin(Duration.ofSeconds(90), () -> {
            assertThat(process.isAlive()).as("service process alive").isTrue();
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
        if (!ready) {
            throw new AssertionError("service did not become ready; its log:\n" + logs());
        }
    }

    /** The children's logs so far, for a failure message. */
    private String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".log")).sorted().toList()) {
                b.append("== ").append(f.getFileName()).append('\n').append(java.nio.file.Files.readString(f));
            }
        }
        return b.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
