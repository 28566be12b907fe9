package dev.creditline.bootstrap.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database outage answers 503 problem+json with Retry-After within the configured connection
 * timeout, never a 500 or a hang; {@code /health} answers at once even while every worker thread
 * waits on the database; {@code /ready} answers 503 within its own timeout; and the service
 * recovers by itself once the database is back (docs/operations.md "Database outage"). Prints
 * the measured figures ({@code ./mvnw -B -q -pl bootstrap -am verify -Dtest=DatabaseOutageTest
 * -Dsurefire.failIfNoSpecifiedTests=false}, then the test's output file).
 */
@DatabaseTest
class DatabaseOutageTest {

    @TempDir
    Path pgData;

    @Test
    void aDatabaseOutageAnswers503FastAndTheServiceRecoversByItself() throws Exception {
        int pgPort = freePort();
        EmbeddedPostgres pg = startPostgres(pgPort);
        TestService service = TestService.start(Map.of(
                "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres",
                "DATABASE_POOL_SIZE", "8",
                "DATABASE_CONNECT_TIMEOUT_MS", "2000",
                "READY_TIMEOUT_MS", "1000"));
        ExecutorService clients = Executors.newFixedThreadPool(48);
        try {
            UUID user = service.createUser("outage-" + UUID.randomUUID() + "@example.com");
            assertThat(service.asUser(user, "GET", "/api/credits/balance", null).status()).isEqualTo(200);

            pg.close();

            // Every worker thread busy with a request that needs the database.
            List<Future<Response>> inFlight = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                inFlight.add(clients.submit(() -> service.asUser(user, "GET", "/api/credits/balance", null)));
            }
            Thread.sleep(300); // real time: the 48 requests reach the workers and wait on the dead database
            long t0 = System.nanoTime();
            Response health = service.json("GET", "/health", null);
            long healthMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(health.status()).isEqualTo(200);

            t0 = System.nanoTime();
            Response ready = service.json("GET", "/ready", null);
            long readyMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.contentType()).startsWith("application/problem+json");

            long worstMs = 0;
            for (Future<Response> f : inFlight) {
                Response r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.toString()).isEqualTo(503);
            }
            t0 = System.nanoTime();
            Response one = service.asUser(user, "GET", "/api/credits/balance", null);
            long outageMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(one.status()).as(one.toString()).isEqualTo(503);
            assertThat(one.contentType()).startsWith("application/problem+json");
            assertThat(one.json().path("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(one.json().path("requestId").asText()).isNotBlank();
            assertThat(one.header("Retry-After")).isNotBlank();
            Response write = service.adapter("POST", "/users", "{\"email\":\"outage-w-" + UUID.randomUUID() + "@example.com\"}");
            assertThat(write.status()).as(write.toString()).isEqualTo(503);
            worstMs = Math.max(worstMs, outageMs);

            pg = startPostgres(pgPort);
            long back = System.nanoTime();
            Eventually.eventually("the service answers 200 again after the database is back", Duration.ofSeconds(30),
                    () -> service.asUser(user, "GET", "/api/credits/balance", null).status() == 200);
            long recoveryMs = (System.nanoTime() - back) / 1_000_000;
            assertThat(service.json("GET", "/ready", null).status()).isEqualTo(200);

            System.out.printf("OUTAGE FIGURES: /health %d ms with every worker blocked; /ready 503 in %d ms; "
                    + "request during outage 503 in %d ms; recovery after the database restarted %d ms%n",
                    healthMs, readyMs, outageMs, recoveryMs);
            assertThat(healthMs).as("/health never waits behind the database").isLessThan(1000);
            assertThat(readyMs).as("/ready answers within its own timeout").isLessThan(2500);
            assertThat(outageMs).as("503 within the connection timeout").isLessThan(5000);
            assertThat(recoveryMs).as("recovers by itself").isLessThan(15_000);
        } finally {
            clients.shutdownNow();
            service.close();
            pg.close();
        }
    }

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(pgData).setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100").start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
