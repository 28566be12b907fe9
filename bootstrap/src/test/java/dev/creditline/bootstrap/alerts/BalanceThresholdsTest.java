package dev.creditline.bootstrap.alerts;

import dev.creditline.persistence.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Balance thresholds (events.md "Balance thresholds"): {@code credits.low} once per downward
 * crossing and {@code credits.recovered} once per crossing back, even under 50 concurrent debits;
 * {@code credits.depleted} once until the balance rises; a rolled-back change emits nothing.
 * Asserted on the outbox rows.
 */
@DatabaseTest
class BalanceThresholdsTest {

    /** 1000/1000 tokens of openai/gpt-5.2 cost 18 credits. */
    private static final long CALL = 18;

    @AutoClose
    private static final TestService service = TestService.start(Map.of("SIGNUP_BONUS_CREDITS", "1180",
            "LOW_BALANCE_THRESHOLDS", "1000,500", "DATABASE_POOL_SIZE", "40", "ADMIN_EMAILS", "admin@example.com"));

    @Test
    void fifty_concurrent_debits_crossing_two_thresholds_fire_each_once_and_a_grant_recovers_each_once()
            throws Exception {
        UUID user = service.createUser("crossing@example.com");
        // 50 × 18 = 900: 1180 → 280 crosses 1000 and 500 somewhere among the concurrent debits.
        List<Integer> statuses = together(50, i -> () -> service.internal("POST", "/model-calls", call(user)).status());
        assertThat(statuses).containsOnly(201);
        assertThat(balance(user)).isEqualTo(280);
        assertThat(events(user, "credits.low")).containsExactlyInAnyOrder(
                "{\"balance\":" + lowBalanceAt(user, 1000) + ",\"threshold\":1000}",
                "{\"balance\":" + lowBalanceAt(user, 500) + ",\"threshold\":500}");
        assertThat(events(user, "credits.recovered")).isEmpty();

        grant(user, 100); // 380: nothing crossed
        assertThat(events(user, "credits.recovered")).isEmpty();
        grant(user, 700); // 1080: both recover, once each
        grant(user, 50);  // 1130: nothing more
        assertThat(events(user, "credits.recovered")).containsExactlyInAnyOrder(
                "{\"balance\":1080,\"threshold\":1000}", "{\"balance\":1080,\"threshold\":500}");
        assertThat(events(user, "credits.low")).hasSize(2);

        // Down again: fires again, once per threshold.
        List<Integer> again = together(40, i -> () -> service.internal("POST", "/model-calls", call(user)).status());
        assertThat(again).containsOnly(201);
        assertThat(events(user, "credits.low")).hasSize(4);
        assertThat(events(user, "credits.depleted")).isEmpty();
    }

    @Test
    void depleted_fires_once_for_many_refused_debits_and_again_only_after_the_balance_rose() throws Exception {
        UUID user = service.createUser("depleted@example.com");
        UUID admin = service.createUser("admin@example.com");
        // 1180 = 65 × 18 + 10: 65 calls pass, the rest are refused (402) at a balance of 10.
        List<Integer> statuses = together(80, i -> () -> service.internal("POST", "/model-calls", call(user)).status());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(65);
        assertThat(statuses).filteredOn(s -> s == 402).hasSize(15);
        assertThat(events(user, "credits.depleted")).containsExactly("{\"balance\":10,\"required\":18}");

        // Reaching 0 while the mark is set: nothing new.
        assertThat(adminGrant(admin, user, -10).status()).isEqualTo(201);
        assertThat(events(user, "credits.depleted")).hasSize(1);

        // The balance rises, then reaches 0: fires again, once.
        grant(user, 36);
        assertThat(together(3, i -> () -> service.internal("POST", "/model-calls", call(user)).status()))
                .containsExactlyInAnyOrder(201, 201, 402);
        assertThat(events(user, "credits.depleted")).containsExactly("{\"balance\":10,\"required\":18}",
                "{\"balance\":0}");
    }

    @Test
    void a_debit_whose_transaction_rolls_back_emits_nothing() {
        UUID user = service.createUser("rollback@example.com");
        // 1180 - 10 × 18 = 1000: the next call crosses 1000.
        for (int i = 0; i < 10; i++) {
            assertThat(service.internal("POST", "/model-calls", call(user)).status()).isEqualTo(201);
        }
        service.jdbi().useHandle(h -> h.execute("""
                CREATE FUNCTION refuse_model_call() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'injected failure'; END $$"""));
        service.jdbi().useHandle(h -> h.execute("CREATE TRIGGER refuse_model_call BEFORE INSERT ON model_calls"
                + " FOR EACH ROW WHEN (NEW.user_id = '" + user + "') EXECUTE FUNCTION refuse_model_call()"));
        try {
            Response failed = service.internal("POST", "/model-calls", call(user));
            assertThat(failed.status()).as(failed.body()).isGreaterThanOrEqualTo(500);
            assertThat(balance(user)).isEqualTo(1000);
            assertThat(service.count("event_outbox WHERE subject_id = '" + user + "' AND type IN ('credits.low', 'credits.depleted', 'credits.recovered')"))
                    .isZero();
            assertThat(service.count("users WHERE id = '" + user + "' AND low_balance_fired IS NOT NULL")).isZero();
        } finally {
            service.jdbi().useHandle(h -> h.execute("DROP TRIGGER refuse_model_call ON model_calls"));
            service.jdbi().useHandle(h -> h.execute("DROP FUNCTION refuse_model_call()"));
        }
        assertThat(service.internal("POST", "/model-calls", call(user)).status()).isEqualTo(201);
        assertThat(events(user, "credits.low")).containsExactly("{\"balance\":982,\"threshold\":1000}");
    }

    @Test
    void own_thresholds_replace_the_defaults_through_the_bearer_and_the_internal_api() {
        UUID user = service.createUser("own@example.com");
        Response defaults = service.asUser(user, "GET", "/api/users/me/alerts", null);
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().get("thresholds").toString()).isEqualTo("[500,1000]");
        assertThat(defaults.json().get("defaults").asBoolean()).isTrue();

        Response put = service.asUser(user, "PUT", "/api/users/me/alerts", "{\"thresholds\":[1150, 200, 1150]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("thresholds").toString()).isEqualTo("[200,1150]");
        assertThat(put.json().get("defaults").asBoolean()).isFalse();
        assertThat(service.internal("GET", "/users/" + user + "/alerts", null).json().get("thresholds").toString())
                .isEqualTo("[200,1150]");

        assertThat(service.internal("POST", "/model-calls", call(user)).status()).isEqualTo(201); // 1162
        assertThat(service.internal("POST", "/model-calls", call(user)).status()).isEqualTo(201); // 1144
        assertThat(events(user, "credits.low")).containsExactly("{\"balance\":1144,\"threshold\":1150}");

        // Switched off through the internal API: nothing fires any more.
        Response off = service.internal("PUT", "/users/" + user + "/alerts", "{\"thresholds\":[]}");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        grant(user, 100);
        assertThat(events(user, "credits.recovered")).isEmpty();
    }

    @Test
    void bad_thresholds_are_400_naming_the_field_and_change_nothing() {
        UUID user = service.createUser("bad-alerts@example.com");
        assertField(service.asUser(user, "PUT", "/api/users/me/alerts", "{\"thresholds\":[-5]}"), "thresholds[0]");
        assertField(service.asUser(user, "PUT", "/api/users/me/alerts", "{\"thresholds\":[10, 0]}"), "thresholds[1]");
        assertField(service.asUser(user, "PUT", "/api/users/me/alerts", "{\"thresholds\":\"1000\"}"), "thresholds");
        assertField(service.asUser(user, "PUT", "/api/users/me/alerts", "{}"), "thresholds");
        assertField(service.asUser(user, "PUT", "/api/users/me/alerts", "{\"thresholds\":[\"x\"]}"), "thresholds[0]");
        assertField(service.asUser(user, "PUT", "/api/users/me/alerts", "{\"thresholds\":[5, 1.5]}"), "thresholds[1]");
        assertField(service.internal("PUT", "/users/not-a-uuid/alerts", "{\"thresholds\":[1]}"), "id");
        assertThat(service.internal("GET", "/users/" + UUID.randomUUID() + "/alerts", null).status()).isEqualTo(404);
        assertThat(service.count("users WHERE id = '" + user + "' AND low_balance_thresholds IS NOT NULL")).isZero();
    }

    private static void assertField(Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("field").asText()).as(r.body()).isEqualTo(field);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String call(UUID user) {
        return "{\"userId\":\"" + user + "\",\"model\":\"openai/gpt-5.2\",\"usage\":{\"inputTokens\":1000,"
                + "\"outputTokens\":1000}}";
    }

    /** A promotion grant through the internal API (ignored when {@code amount} is not positive). */
    private static void grant(UUID user, long amount) {
        if (amount <= 0) {
            return;
        }
        Response r = service.internal("POST", "/grants", "{\"userId\":\"" + user + "\",\"amount\":" + amount
                + ",\"category\":\"promotion\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static Response adminGrant(UUID admin, UUID user, long amount) {
        return service.asUser(admin, "POST", "/api/admin/users/" + user + "/grants",
                "{\"amount\":" + amount + ",\"note\":\"test\"}");
    }

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    /** The balance right after the debit that took the balance below {@code threshold}. */
    private static long lowBalanceAt(UUID user, long threshold) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT max(balance_after) FROM credit_ledger"
                        + " WHERE user_id = :u AND balance_after < :t AND balance_after - delta >= :t")
                .bind("u", user).bind("t", threshold).mapTo(Long.class).one());
    }

    /** The data of the user's outbox events of {@code type}, without {@code userId}, in sequence order. */
    private static List<String> events(UUID user, String type) {
        return service.jdbi().withHandle(h -> h.createQuery("""
                        SELECT (body::jsonb -> 'data') - 'userId' FROM event_outbox
                        WHERE subject_id = :u AND type = :t ORDER BY sequence""")
                .bind("u", user).bind("t", type).mapTo(String.class).list())
                .stream().map(s -> s.replace(" ", "")).toList();
    }

    static <T> List<T> together(int n, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> c = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
