package dev.creditline.bootstrap.metering;

import static dev.creditline.bootstrap.metering.MeteringSupport.assertLedgerConsistent;
import static dev.creditline.bootstrap.metering.MeteringSupport.balance;
import static dev.creditline.bootstrap.metering.MeteringSupport.call;
import static dev.creditline.bootstrap.metering.MeteringSupport.together;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Parallel debits, idempotency keys and the lazy allowance under concurrency (lessons 3, 6, 9). */
@DatabaseTest
class MeteringConcurrencyTest {

    @AutoClose
    private static final TestService service = TestService.start(Map.of("SIGNUP_BONUS_CREDITS", "2000", "HOLD_SWEEP_INTERVAL_SECONDS", "3600",
                "DATABASE_POOL_SIZE", "40"));

    @Test
    void sixty_four_threads_spend_a_balance_without_ever_going_negative() throws Exception {
        UUID user = service.createUser("spend@example.com");
        // 1000/1000 tokens at (3, 15) = 18 credits: 111 calls fit into 2000, 2 credits remain
        List<List<Response>> perThread = together(64, i -> () -> {
            List<Response> mine = new ArrayList<>();
            while (true) {
                Response r = service.internal("POST", "/model-calls", call(user, "openai/gpt-5.2", 1000, 1000));
                mine.add(r);
                if (r.status() != 201) {
                    return mine;
                }
            }
        });
        Set<String> ids = new HashSet<>();
        int refused = 0;
        for (List<Response> mine : perThread) {
            for (Response r : mine) {
                if (r.status() == 201) {
                    assertThat(ids.add(r.json().get("id").asText())).isTrue();
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(402);
                    assertThat(r.json().get("required").asLong()).isEqualTo(18);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(64);
        assertThat(ids).hasSize(111);
        assertThat(balance(service, user)).isEqualTo(2);
        for (String id : ids) {
            assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND ref_type = 'model_call'"
                    + " AND ref_id = '" + id + "' AND delta = -18")).isEqualTo(1);
        }
        // every 402 wrote nothing: exactly one ledger entry and one call row per 201, plus the bonus
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(1 + 111);
        assertThat(service.count("model_calls WHERE user_id = '" + user + "'")).isEqualTo(111);
        assertLedgerConsistent(service);
    }

    @Test
    void the_same_idempotency_key_from_twenty_threads_has_one_effect_and_twenty_identical_answers() throws Exception {
        UUID user = service.createUser("idem@example.com");
        String body = call(user, "openai/gpt-5.2", 1000, 1000);
        List<Response> rs = together(20, i -> () -> service.internal("POST", "/model-calls", body,
                "Idempotency-Key", "call-42"));
        for (Response r : rs) {
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.body()).isEqualTo(rs.get(0).body());
        }
        assertThat(rs.stream().filter(r -> r.header("Idempotent-Replayed") == null).count()).isEqualTo(1);
        assertThat(service.count("model_calls WHERE user_id = '" + user + "'")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'usage'")).isEqualTo(1);
        assertThat(balance(service, user)).isEqualTo(2000 - 18);

        // a later retry gets the same answer; the same key with another request is 422
        Response retry = service.internal("POST", "/model-calls", body, "Idempotency-Key", "call-42");
        assertThat(retry.body()).isEqualTo(rs.get(0).body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        Response reused = service.internal("POST", "/model-calls", call(user, "openai/gpt-5.2", 1000, 999),
                "Idempotency-Key", "call-42");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        // member order does not change the request
        Response reordered = service.internal("POST", "/model-calls", "{\"usage\":{\"outputTokens\":1000,"
                + "\"inputTokens\":1000},\"model\":\"openai/gpt-5.2\",\"userId\":\"" + user + "\"}",
                "Idempotency-Key", "call-42");
        assertThat(reordered.body()).isEqualTo(rs.get(0).body());
        assertThat(balance(service, user)).isEqualTo(2000 - 18);
        assertThat(service.count("model_calls WHERE user_id = '" + user + "'")).isEqualTo(1);
    }

    @Test
    void a_402_is_stored_under_its_key_and_replayed_and_keys_are_scoped_per_endpoint() {
        UUID user = service.createUser("idem402@example.com");
        String big = call(user, "anthropic/claude-opus-4.5", 0, 200_000);
        Response first = service.internal("POST", "/model-calls", big, "Idempotency-Key", "k402");
        assertThat(first.status()).isEqualTo(402);
        Response again = service.internal("POST", "/model-calls", big, "Idempotency-Key", "k402");
        assertThat(again.status()).isEqualTo(402);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(service.count("model_calls WHERE user_id = '" + user + "'")).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(1);

        // the same key on another endpoint is another key
        Response hold = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":100}",
                "Idempotency-Key", "k402");
        assertThat(hold.status()).isEqualTo(201);
        String holdId = hold.json().get("holdId").asText();
        Response holdAgain = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":100}",
                "Idempotency-Key", "k402");
        assertThat(holdAgain.body()).isEqualTo(hold.body());
        assertThat(service.count("holds WHERE user_id = '" + user + "'")).isEqualTo(1);

        // capture and release retries answer the first outcome instead of 409
        Response capture = service.internal("POST", "/holds/" + holdId + "/capture", "{\"amount\":30}",
                "Idempotency-Key", "cap-1");
        Response captureAgain = service.internal("POST", "/holds/" + holdId + "/capture", "{\"amount\":30}",
                "Idempotency-Key", "cap-1");
        assertThat(capture.status()).isEqualTo(200);
        assertThat(captureAgain.status()).isEqualTo(200);
        assertThat(captureAgain.body()).isEqualTo(capture.body());
        assertThat(balance(service, user)).isEqualTo(2000 - 30);

        // a bad key is a 400 naming the header, and nothing is written
        Response badKey = service.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":100}",
                "Idempotency-Key", "x".repeat(256));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(service.count("holds WHERE user_id = '" + user + "'")).isEqualTo(1);
        assertLedgerConsistent(service);
    }

    @Test
    void twenty_concurrent_credit_checks_of_a_free_user_past_the_period_grant_the_allowance_once() throws Exception {
        UUID user = service.createUser("lazy@example.com");
        service.clock().advance(Duration.ofDays(31));
        long anchor = service.jdbi().withHandle(h -> h.createQuery(
                "SELECT floor(extract(epoch FROM monthly_credits_granted_at))::bigint FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
        List<Response> rs = together(20, i -> () -> service.internal("GET", "/users/" + user
                + "/credit-check?amount=5000", null));
        for (Response r : rs) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("allowed").asBoolean()).isTrue();
        }
        long periodStart = anchor + 30L * 86_400;
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'monthly_allowance'"))
                .isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND ref_type = 'monthly_allowance'"
                + " AND ref_id = 'free:" + user + ":" + periodStart + "' AND delta = 10000")).isEqualTo(1);
        assertThat(rs.stream().mapToLong(r -> r.json().get("balance").asLong()).max().getAsLong()).isEqualTo(12_000);
        assertThat(balance(service, user)).isEqualTo(12_000);
        assertThat(service.count("users WHERE id = '" + user + "' AND floor(extract(epoch FROM monthly_credits_granted_at))"
                + " = " + periodStart)).isEqualTo(1);
        // seen again in the same period: nothing more
        service.internal("GET", "/users/" + user + "/credit-check?amount=1", null);
        assertThat(balance(service, user)).isEqualTo(12_000);
        assertLedgerConsistent(service);
    }

    @Test
    void the_lazy_allowance_runs_on_debits_and_profile_reads_grants_one_period_only_and_never_for_paid_users() {
        UUID free = service.createUser("lazy-free@example.com");
        UUID paid = service.createUser("lazy-paid@example.com");
        service.clock().advance(Duration.ofDays(65));
        service.jdbi().useHandle(h -> h.execute("UPDATE users SET plan = 'pro' WHERE id = ?", paid));

        // a debit of 3000 that only fits with the allowance
        Response spend = service.internal("POST", "/holds", "{\"userId\":\"" + free + "\",\"amount\":3000}");
        assertThat(spend.status()).isEqualTo(201);
        assertThat(spend.json().get("balance").asLong()).isEqualTo(2000 + 10_000 - 3000);
        // 65 days: one grant for the current period (day 60), no back-fill of day 30
        assertThat(service.count("credit_ledger WHERE user_id = '" + free + "' AND reason = 'monthly_allowance'"))
                .isEqualTo(1);

        Response paidMe = service.asUser(paid, "GET", "/api/users/me", null);
        assertThat(paidMe.json().get("credits_balance").asLong()).isEqualTo(2000);
        assertThat(service.internal("POST", "/holds", "{\"userId\":\"" + paid + "\",\"amount\":3000}").status())
                .isEqualTo(402);
        assertThat(service.count("credit_ledger WHERE user_id = '" + paid + "' AND reason = 'monthly_allowance'"))
                .isZero();

        // GET /api/users/me of a free user past the period shows the granted balance
        UUID reader = service.createUser("lazy-me@example.com");
        service.clock().advance(Duration.ofDays(30));
        Response me = service.asUser(reader, "GET", "/api/users/me", null);
        assertThat(me.json().get("credits_balance").asLong()).isEqualTo(12_000);
        Response balance = service.asUser(reader, "GET", "/api/credits/balance", null);
        assertThat(balance.json().get("balance").asLong()).isEqualTo(12_000);
        assertThat(service.count("credit_ledger WHERE user_id = '" + reader + "' AND reason = 'monthly_allowance'"))
                .isEqualTo(1);
        assertLedgerConsistent(service);
    }
}
