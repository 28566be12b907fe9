package dev.creditline.bootstrap.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code GET /api/users/profile} and {@code /api/users/usage-breakdown} (api.md "User endpoints"). */
@DatabaseTest
class UserProfileTest {

    @AutoClose
    private static final TestService service = TestService.start();

    private static void call(UUID user, String model, long in, long out, long credits, String doc, String session,
                             String message) {
        service.jdbi().useHandle(h -> h.execute("""
                INSERT INTO model_calls (user_id, id, model, type, status, input_tokens, output_tokens, credits,
                    document_id, session_id, message_id, call_time, created_at)
                VALUES (?, gen_random_uuid(), ?, 'chatCompletion', 'success', ?, ?, ?, ?, ?, ?, now(), now())""",
                user, model, in, out, credits, doc, session, message));
    }

    private static void entry(UUID user, long delta, String reason) {
        service.jdbi().useHandle(h -> {
            long balance = h.createQuery("SELECT credits_balance FROM users WHERE id = ?").bind(0, user)
                    .mapTo(Long.class).one() + delta;
            h.execute("INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, created_at)"
                    + " VALUES (?, ?, ?, ?, 'manual', gen_random_uuid()::text, now())", user, delta, balance, reason);
            h.execute("UPDATE users SET credits_balance = ? WHERE id = ?", balance, user);
        });
    }

    @Test
    void the_profile_shows_plan_allowance_accounts_stats_and_billing_state() {
        UUID user = service.createUser("profile@example.com");
        UUID other = service.createUser("other@example.com");
        service.adapter("POST", "/accounts", "{\"userId\":\"" + user + "\",\"type\":\"oauth\",\"provider\":\"google\","
                + "\"providerAccountId\":\"g-1\"}");
        call(user, "openai/gpt-5.2", 1000, 200, 6, "d1", "s1", "m1");
        call(user, "openai/gpt-5.2", 500, 100, 3, "d1", "s1", "m2");
        call(user, "anthropic/claude-sonnet-4.5", 300, 0, 1, "d2", "s2", "m3");
        call(other, "openai/gpt-5.2", 9999, 9999, 99, "x", "y", "z");
        entry(user, -10, "usage");
        entry(user, -50, "hold");
        entry(user, 45, "hold_release");
        entry(user, 500, "admin_adjustment");

        Response r = service.asUser(user, "GET", "/api/users/profile", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode p = r.json();
        assertThat(p.get("id").asText()).isEqualTo(user.toString());
        assertThat(p.get("plan").asText()).isEqualTo("free");
        assertThat(p.get("credits_balance").asLong()).isEqualTo(10_485);
        assertThat(p.get("monthly_allowance").asLong()).isEqualTo(10_000);
        assertThat(p.get("signup_bonus_granted").asBoolean()).isTrue();
        assertThat(p.get("monthly_credits_granted_at").asText()).isNotEmpty();
        assertThat(p.get("connected_accounts")).hasSize(1);
        assertThat(p.get("connected_accounts").get(0).get("provider").asText()).isEqualTo("google");
        JsonNode stats = p.get("stats");
        assertThat(stats.get("total_documents").asLong()).isEqualTo(2);
        assertThat(stats.get("total_sessions").asLong()).isEqualTo(2);
        assertThat(stats.get("total_messages").asLong()).isEqualTo(3);
        assertThat(stats.get("total_credits_spent").asLong()).isEqualTo(15);
        assertThat(stats.get("total_tokens_used").asLong()).isEqualTo(2100);
        JsonNode billing = p.get("billing_state");
        assertThat(billing.get("managed_by").asText()).isEqualTo("none");
        assertThat(billing.get("status").isNull()).isTrue();
        assertThat(billing.get("cancel_at_period_end").asBoolean()).isFalse();

        JsonNode byModel = service.asUser(user, "GET", "/api/users/usage-breakdown", null).json().get("by_model");
        assertThat(byModel).hasSize(2);
        assertThat(byModel.get(0).get("model").asText()).isEqualTo("anthropic/claude-sonnet-4.5");
        assertThat(byModel.get(1).get("model").asText()).isEqualTo("openai/gpt-5.2");
        assertThat(byModel.get(1).get("total_calls").asLong()).isEqualTo(2);
        assertThat(byModel.get(1).get("total_tokens").asLong()).isEqualTo(1800);
        assertThat(byModel.get(1).get("total_credits").asLong()).isEqualTo(9);
        assertThat(service.json("GET", "/api/users/profile", null).status()).isEqualTo(401);
    }
}
