package dev.creditline.bootstrap.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.StandbyPair;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.Eventually;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code DATABASE_READ_URL} against a real hot standby (docs/operations.md "Read replica"): a
 * primary and a standby streaming from it ({@link StandbyPair}), the service pointed at both.
 * Proof that routed reads are served by the standby: with WAL replay paused on the standby, a
 * new model call is in the balance (primary) but not in the history, ledger listing, export or
 * all-users statistics (standby) until replay resumes; the standby's {@code pg_stat_statements}
 * holds those reads and no write. A lagging standby is bypassed; a stopped one too, without errors.
 */
@DatabaseTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaStandbyTest {

    private static final String ADMIN = "admin@replica.test";

    private static StandbyPair pg;
    private static TestService service;
    private static UUID user;
    private static UUID admin;

    @BeforeAll
    static void start() {
        pg = StandbyPair.start();
        service = TestService.start(Map.of("DATABASE_URL", pg.primaryUrl(), "DATABASE_READ_URL", pg.standbyUrl(),
                "DATABASE_READ_MAX_LAG", "120", "ADMIN_EMAILS", ADMIN));
        user = service.createUser("reader@replica.test");
        admin = service.createUser(ADMIN);
        await("the replica is in use", () -> readsGoTo(service).equals("replica"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @Order(1)
    void routedReadsAreServedByTheStandbyAndWritesNeverGoThere() {
        for (int i = 0; i < 3; i++) {
            recordCall(service, "m" + i);
        }
        await("the standby replayed the calls", () -> historyCount(service) == 3);
        long entries = transactionsCount(service);

        pg.onStandby("SELECT pg_wal_replay_pause()");
        await("replay paused", () -> pg.onStandby("SELECT pg_get_wal_replay_pause_state()").get(0).equals("paused"));
        long before = balance(service);
        recordCall(service, "m3");
        assertThat(balance(service)).as("the balance reads the primary (read-your-writes)").isLessThan(before);

        assertThat(historyCount(service)).as("model-call history reads the paused standby").isEqualTo(3);
        assertThat(exportRows(service)).as("the CSV export reads the paused standby").isEqualTo(3);
        assertThat(transactionsCount(service)).as("the ledger listing reads the paused standby").isEqualTo(entries);
        assertThat(allUsersCalls(service)).as("all-users statistics read the paused standby").isEqualTo(3);
        assertThat(readyReplica(service).get("readsGoTo").asText()).isEqualTo("replica");

        pg.onStandby("SELECT pg_wal_replay_resume()");
        await("the standby replayed the fourth call", () -> historyCount(service) == 4);
        assertThat(allUsersCalls(service)).isEqualTo(4);

        List<String> standbyStatements = pg.onStandby("SELECT s.query FROM pg_stat_statements s"
                + " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '" + StandbyPair.DATABASE + "'");
        assertThat(standbyStatements).as("history, ledger listing and export ran on the standby")
                .anyMatch(q -> q.contains("FROM model_calls c JOIN users u"))
                .anyMatch(q -> q.contains("FROM credit_ledger"));
        assertThat(standbyStatements).as("no write ever reached the standby").noneMatch(ReadReplicaStandbyTest::isWrite);
        assertThat(pg.onStandby("SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = '"
                + StandbyPair.DATABASE + "'")).as("only the read pool connects to the standby")
                .contains("creditline-read").doesNotContain("creditline");
        assertThat(pg.onPrimary("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'creditline-read'"))
                .containsExactly("0");
        assertThat(service.send(service.request("/metrics").GET().build()).body())
                .contains("creditline_read_replica_in_use 1.0")
                .containsPattern("creditline_read_replica_reads_total\\{target=\"replica\"} [1-9]");
    }

    @Test
    @Order(2)
    void aStandbyLaggingMoreThanTheBoundIsBypassed() {
        try (TestService strict = TestService.start(Map.of("DATABASE_URL", pg.primaryUrl(),
                "DATABASE_READ_URL", pg.standbyUrl(), "DATABASE_READ_MAX_LAG", "2s"))) {
            await("the replica is in use", () -> readsGoTo(strict).equals("replica"));
            long count = historyCount(strict);
            pg.onStandby("SELECT pg_wal_replay_pause()");
            try {
                recordCall(strict, "lagged");
                await("the lagging replica is bypassed", () -> readsGoTo(strict).equals("primary"));
                JsonNode replica = readyReplica(strict);
                assertThat(replica.get("status").asText()).isEqualTo("lagging");
                assertThat(replica.get("lagSeconds").asDouble()).isGreaterThan(2.0);
                assertThat(historyCount(strict)).as("history now reads the primary").isEqualTo(count + 1);
                assertThat(strict.send(strict.request("/metrics").GET().build()).body())
                        .contains("creditline_read_replica_in_use 0.0")
                        .containsPattern("creditline_read_replica_reads_total\\{target=\"primary\"} [1-9]");
            } finally {
                pg.onStandby("SELECT pg_wal_replay_resume()");
            }
            await("the replica is in use again", () -> readsGoTo(strict).equals("replica"));
            assertThat(historyCount(strict)).isEqualTo(count + 1);
        }
    }

    @Test
    @Order(3)
    void stoppingTheStandbyFallsBackWithoutErrors() throws Exception {
        long expected = historyCount(service);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int kind = t;
            results.add(readers.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                while (running.get()) {
                    statuses.add(switch (kind) {
                        case 0 -> service.asUser(user, "GET", "/api/user/model-calls", null).status();
                        case 1 -> service.asUser(user, "GET", "/api/user/model-calls/export", null).status();
                        case 2 -> service.asUser(user, "GET", "/api/user/credit/transactions", null).status();
                        default -> service.asUser(admin, "GET", allUsersStatsPath(), null).status();
                    });
                }
                return statuses;
            }));
        }
        try {
            // real time: the readers run for a while against the live standby, then through its outage
            Thread.sleep(300);
            pg.stopStandby();
            Thread.sleep(1500);
        } finally {
            running.set(false);
            readers.shutdown();
            assertThat(readers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<List<Integer>> f : results) {
            assertThat(f.get()).isNotEmpty().allMatch(s -> s == 200);
        }
        assertThat(historyCount(service)).isEqualTo(expected);
        recordCall(service, "after-stop");
        assertThat(historyCount(service)).as("reads are on the primary now").isEqualTo(expected + 1);
        JsonNode ready = service.send(service.request("/ready").GET().build()).json();
        assertThat(ready.get("status").asText()).isEqualTo("ready");
        assertThat(ready.get("readReplica").get("status").asText()).isEqualTo("down");
        assertThat(ready.get("readReplica").get("readsGoTo").asText()).isEqualTo("primary");
    }

    private static boolean isWrite(String query) {
        String q = query.stripLeading().toUpperCase(Locale.ROOT);
        return q.startsWith("INSERT") || q.startsWith("UPDATE") || q.startsWith("DELETE") || q.startsWith("MERGE")
                || q.startsWith("WITH") && (q.contains(" INSERT ") || q.contains(" UPDATE ") || q.contains(" DELETE "));
    }

    private static void recordCall(TestService s, String model) {
        Response r = s.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"" + model
                + "\",\"usage\":{\"inputTokens\":1000,\"outputTokens\":100}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static long balance(TestService s) {
        return s.asUser(user, "GET", "/api/credits/balance", null).json().get("balance").asLong();
    }

    private static long historyCount(TestService s) {
        Response r = s.asUser(user, "GET", "/api/user/model-calls", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("count").asLong();
    }

    private static long exportRows(TestService s) {
        Response r = s.asUser(user, "GET", "/api/user/model-calls/export", null);
        assertThat(r.status()).isEqualTo(200);
        return r.body().lines().filter(l -> !l.isBlank()).count() - 1;
    }

    private static long transactionsCount(TestService s) {
        Response r = s.asUser(user, "GET", "/api/user/credit/transactions", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("count").asLong();
    }

    private static String allUsersStatsPath() {
        long now = Instant.now().getEpochSecond();
        return "/api/user/admin/user-stats?startTime=" + (now - 3600) + "&endTime=" + (now + 60);
    }

    private static long allUsersCalls(TestService s) {
        Response r = s.asUser(admin, "GET", allUsersStatsPath(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("summary").get("totalCalls").asLong();
    }

    private static JsonNode readyReplica(TestService s) {
        Response r = s.send(s.request("/ready").GET().build());
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("readReplica");
    }

    private static String readsGoTo(TestService s) {
        return readyReplica(s).get("readsGoTo").asText();
    }

    private static void await(String what, BooleanSupplier condition) {
        Eventually.eventually(what, Duration.ofSeconds(20), condition);
    }
}
