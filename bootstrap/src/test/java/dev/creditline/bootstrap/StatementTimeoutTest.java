package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code DATABASE_STATEMENT_TIMEOUT_MS} (docs/configuration.md): no statement holds a pooled connection for ever. */
@DatabaseTest
class StatementTimeoutTest {

    @AutoClose
    private static final TestService svc = TestService.start(Map.of("DATABASE_STATEMENT_TIMEOUT_MS", "400"));

    @Test
    void every_pooled_connection_has_the_configured_statement_timeout_and_utc() {
        for (int i = 0; i < 10; i++) {
            String timeout = svc.jdbi().withHandle(h -> h.createQuery("SHOW statement_timeout").mapTo(String.class).one());
            String zone = svc.jdbi().withHandle(h -> h.createQuery("SHOW TimeZone").mapTo(String.class).one());
            assertThat(timeout).isEqualTo("400ms");
            assertThat(zone).isEqualTo("UTC");
        }
    }

    @Test
    void a_statement_that_outlives_the_timeout_answers_503_problem_json_with_retry_after_and_writes_nothing()
            throws Exception {
        UUID user = svc.createUser("slow@example.com");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try {
            // another session holds the user's row: the model call's ledger append waits for it
            Future<?> locker = pool.submit(() -> {
                svc.jdbi().useTransaction(h -> {
                h.execute("SET LOCAL statement_timeout = 0");
                h.execute("SELECT 1 FROM users WHERE id = ? FOR UPDATE", user);
                locked.countDown();
                    done.await(30, TimeUnit.SECONDS);
                });
                return null;
            });
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            Instant t0 = Instant.now();
            Response r = svc.internal("POST", "/model-calls",
                    "{\"userId\":\"" + user + "\",\"model\":\"gpt-4o\",\"usage\":{\"inputTokens\":10}}");
            assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(10));
            assertThat(r.status()).as(r.toString()).isEqualTo(503);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo("DATABASE_TIMEOUT");
            assertThat(r.json().has("requestId")).isTrue();
            assertThat(r.header("Retry-After")).isEqualTo("1");
            done.countDown();
            locker.get(10, TimeUnit.SECONDS);
        } finally {
            done.countDown();
            pool.shutdownNow();
        }
        assertThat(svc.count("model_calls WHERE user_id = '" + user + "'")).isZero();
        // once the database answers again, so does the service
        Response ok = svc.internal("POST", "/model-calls",
                "{\"userId\":\"" + user + "\",\"model\":\"gpt-4o\",\"usage\":{\"inputTokens\":10}}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
    }

    @Test
    void the_timeout_setting_is_validated_and_defaults_to_30_seconds() {
        assertThat(Creditline.statementTimeout(Config.from(Map.of()))).isEqualTo(Duration.ofSeconds(30));
        assertThat(Creditline.statementTimeout(Config.from(Map.of("DATABASE_STATEMENT_TIMEOUT_MS", "0"))))
                .isZero();
        assertThatThrownBy(() -> Creditline.statementTimeout(Config.from(Map.of("DATABASE_STATEMENT_TIMEOUT_MS", "soon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_STATEMENT_TIMEOUT_MS");
        assertThatThrownBy(() -> Creditline.statementTimeout(Config.from(Map.of("DATABASE_STATEMENT_TIMEOUT_MS", "-1"))))
                .isInstanceOf(ConfigException.class);
    }
}
