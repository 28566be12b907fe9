package dev.creditline.bootstrap.metering;

import static dev.creditline.bootstrap.metering.MeteringSupport.balance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 9: an idempotency key claimed before the work and kept after a transient failure made
 * every retry report success with nothing done. Here the key is stored in the effect's own
 * transaction, so a failure rolls both back and the retry does the work.
 */
@DatabaseTest
class IdempotencyKeyTransientFailureTest {

    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start();
        // Fail the first model-call insert only: a sequence is not rolled back with the transaction.
        service.jdbi().useHandle(h -> h.execute("""
                CREATE SEQUENCE test_fail_once;
                CREATE FUNCTION test_fail_first_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF nextval('test_fail_once') = 1 THEN
                        RAISE EXCEPTION 'simulated transient failure';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER test_fail_first_insert BEFORE INSERT ON model_calls
                    FOR EACH ROW EXECUTE FUNCTION test_fail_first_insert();"""));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_retry_after_a_failed_attempt_does_the_work_instead_of_replaying_a_success() {
        UUID user = service.createUser("transient@example.com");
        String body = "{\"userId\":\"" + user + "\",\"model\":\"openai/gpt-5.2\",\"usage\":{\"inputTokens\":1200,"
                + "\"outputTokens\":350}}";

        Response failed = service.internal("POST", "/model-calls", body, "Idempotency-Key", "retry-me");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).doesNotContain("simulated").doesNotContain("Exception");
        assertThat(service.count("model_calls")).isZero();
        assertThat(balance(service, user)).isEqualTo(10_000);

        Response retried = service.internal("POST", "/model-calls", body, "Idempotency-Key", "retry-me");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(retried.json().get("credits").asLong()).isEqualTo(9);
        assertThat(service.count("model_calls")).isEqualTo(1);
        assertThat(balance(service, user)).isEqualTo(9_991);

        Response replayed = service.internal("POST", "/model-calls", body, "Idempotency-Key", "retry-me");
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.body()).isEqualTo(retried.body());
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(service.count("model_calls")).isEqualTo(1);
    }
}
