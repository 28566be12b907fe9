package dev.creditline.bootstrap.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Credit totals of {@code /api/user/credit/balance}, {@code /info} and the profile
 * (analytics.md "Credits views"): real grants only, settled spending only, read from maintained
 * totals whose cost does not grow with the ledger; model-call pages count at most 10,000 rows.
 */
@DatabaseTest
class CreditTotalsTest {

    // Stripe "configured" (with a fixed payment link, so nothing calls it) for /info's creditBalance
    @AutoClose
    private static final TestService svc = TestService.start(Map.of("STRIPE_SECRET_KEY", "sk_test_dummy",
            "PAYMENT_LINK_URL", "https://pay.example.com/link"));

    private static JsonNode hold(UUID user, long amount) {
        Response r = svc.internal("POST", "/holds", "{\"userId\":\"" + user + "\",\"amount\":" + amount + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static JsonNode get(UUID user, String path) {
        Response r = svc.asUser(user, "GET", path, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void grant_totals_count_real_grants_only_and_spending_counts_settled_holds_only() {
        UUID user = svc.createUser("totals@example.com");
        String released = hold(user, 300).get("holdId").asText();
        assertThat(svc.internal("POST", "/holds/" + released + "/release", null).status()).isEqualTo(200);
        String captured = hold(user, 200).get("holdId").asText();
        Response c = svc.internal("POST", "/holds/" + captured + "/capture", "{\"amount\":50}");
        assertThat(c.status()).as(c.toString()).isEqualTo(200);
        assertThat(c.json().get("released").asLong()).isEqualTo(150);
        hold(user, 100); // stays open

        JsonNode balance = get(user, "/api/user/credit/balance");
        assertThat(balance.get("total").asLong()).as("only the signup bonus is a grant").isEqualTo(10_000);
        assertThat(balance.get("grantCount").asLong()).isEqualTo(1);
        assertThat(balance.get("pendingCredit").asLong()).isEqualTo(100);
        assertThat(balance.get("balance").asLong()).isEqualTo(10_000 - 50 - 100);
        JsonNode info = get(user, "/api/user/info").get("creditBalance");
        assertThat(info.get("total").asLong()).isEqualTo(10_000);
        assertThat(info.get("grantCount").asLong()).isEqualTo(1);
        JsonNode grants = get(user, "/api/user/credit/grants");
        assertThat(grants.get("count").asLong()).isEqualTo(1);
        assertThat(grants.at("/list/0/reason").asText()).isEqualTo("signup_bonus");

        JsonNode profile = get(user, "/api/users/profile");
        assertThat(profile.findValue("total_credits_spent").asLong()).as(profile.toString()).isEqualTo(50);

        // a real grant counts at once
        UUID admin = svc.createUser("totals-admin@example.com");
        svc.jdbi().useHandle(h -> h.execute("UPDATE users SET role = 'admin' WHERE id = ?", admin));
        Response g = svc.asUser(admin, "POST", "/api/admin/users/" + user + "/grants", "{\"amount\":25,\"note\":\"n\"}");
        assertThat(g.status()).as(g.toString()).isEqualTo(201);
        balance = get(user, "/api/user/credit/balance");
        assertThat(balance.get("total").asLong()).isEqualTo(10_025);
        assertThat(balance.get("grantCount").asLong()).isEqualTo(2);
    }

    @Test
    void maintained_totals_equal_the_ledger_after_any_mix_of_appends() {
        UUID user = svc.createUser("mix@example.com");
        for (int i = 0; i < 5; i++) {
            String h = hold(user, 10 + i).get("holdId").asText();
            svc.internal("POST", "/holds/" + h + (i % 2 == 0 ? "/release" : "/capture"),
                    i % 2 == 0 ? null : "{\"amount\":3}");
        }
        long[] ledger = svc.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(sum(delta), 0) AS s, count(*) AS n"
                        + " FROM credit_ledger WHERE user_id = :u AND delta > 0"
                        + " AND reason NOT IN ('hold_release', 'hold_capture_adjustment')")
                .bind("u", user).map((rs, ctx) -> new long[]{rs.getLong("s"), rs.getLong("n")}).one());
        JsonNode balance = get(user, "/api/user/credit/balance");
        assertThat(new long[]{balance.get("total").asLong(), balance.get("grantCount").asLong()}).containsExactly(ledger);
    }

    @Test
    void balance_and_info_never_read_the_ledger_so_their_cost_does_not_grow_with_history() throws Exception {
        UUID user = svc.createUser("long-history@example.com");
        // a long history: 20,000 usage debits and 2,000 grants appended directly (the trigger keeps
        // the grant totals)
        svc.jdbi().useHandle(h -> h.execute("""
                INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, created_at)
                SELECT ?, -1, 0, 'usage', 'bulk', 'bulk-' || i, now() FROM generate_series(1, 20000) i""",
                user));
        svc.jdbi().useHandle(h -> {
            for (int i = 0; i < 2000; i++) {
                h.execute("INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, created_at)"
                        + " VALUES (?, 2, 0, 'admin_adjustment', 'admin', ?, now())", user, "grant-" + i);
            }
        });
        JsonNode balance = get(user, "/api/user/credit/balance");
        assertThat(balance.get("total").asLong()).isEqualTo(14_000);
        assertThat(balance.get("grantCount").asLong()).isEqualTo(2_001);

        // While another transaction holds an exclusive lock on credit_ledger, a read that touched
        // the ledger would wait; the balance and info reads answer at once.
        ExecutorService pool = Executors.newSingleThreadExecutor();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        try {
            Future<?> locker = pool.submit(() -> {
                svc.jdbi().useTransaction(h -> {
                h.execute("LOCK TABLE credit_ledger IN ACCESS EXCLUSIVE MODE");
                locked.countDown();
                    done.await(30, TimeUnit.SECONDS);
                });
                return null;
            });
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            Instant t0 = Instant.now();
            JsonNode again = get(user, "/api/user/credit/balance");
            JsonNode info = get(user, "/api/user/info");
            assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(5));
            assertThat(again.get("total").asLong()).isEqualTo(14_000);
            assertThat(info.at("/creditBalance/grantCount").asLong()).isEqualTo(2_001);
            done.countDown();
            locker.get(10, TimeUnit.SECONDS);
        } finally {
            done.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void a_model_call_page_counts_at_most_ten_thousand_calls_and_says_so() {
        UUID user = svc.createUser("many-calls@example.com");
        svc.jdbi().useHandle(h -> h.execute("""
                INSERT INTO model_calls (user_id, id, model, type, status, total_usage, credits, call_time, created_at)
                SELECT ?, gen_random_uuid(), 'gpt-4o', 'chatCompletion', 'success', 1, 1,
                       ? - i * interval '1 second', now()
                FROM generate_series(1, 10050) i""", user, Instant.now().atOffset(ZoneOffset.UTC)));
        JsonNode page = get(user, "/api/user/model-calls?pageSize=5");
        assertThat(page.get("count").asLong()).isEqualTo(10_000);
        assertThat(page.at("/paging/countCapped").asBoolean()).isTrue();
        assertThat(page.get("list")).hasSize(5);
        JsonNode few = get(user, "/api/user/model-calls?pageSize=5&startTime="
                + Instant.now().minusSeconds(20).getEpochSecond());
        assertThat(few.at("/paging/countCapped").asBoolean()).isFalse();
        assertThat(few.get("count").asLong()).isBetween(15L, 21L);
    }
}
