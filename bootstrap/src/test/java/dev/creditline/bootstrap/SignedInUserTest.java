package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** A signed-in user reads and edits their profile, balance and ledger (api.md "User endpoints"). */
@DatabaseTest
class SignedInUserTest {

    @AutoClose
    private static final TestService service = TestService.start();

    @Test
    void a_new_user_sees_the_signup_bonus_as_balance_and_one_ledger_entry() {
        UUID id = service.createUser("reader@example.com");

        JsonNode me = service.asUser(id, "GET", "/api/users/me", null).json();
        assertThat(me.get("id").asText()).isEqualTo(id.toString());
        assertThat(me.get("credits_balance").asLong()).isEqualTo(10_000);
        assertThat(me.get("plan").asText()).isEqualTo("free");
        assertThat(me.has("emailVerified")).isFalse();

        JsonNode balance = service.asUser(id, "GET", "/api/credits/balance", null).json();
        assertThat(balance.get("balance").asLong()).isEqualTo(10_000);
        assertThat(balance.get("recent_transactions")).hasSize(1);
        JsonNode entry = balance.get("recent_transactions").get(0);
        assertThat(entry.get("delta").asLong()).isEqualTo(10_000);
        assertThat(entry.get("balance_after").asLong()).isEqualTo(10_000);
        assertThat(entry.get("reason").asText()).isEqualTo("signup_bonus");

        JsonNode history = service.asUser(id, "GET", "/api/credits/history", null).json();
        assertThat(history.get("total").asLong()).isEqualTo(1);
        assertThat(history.get("items").get(0).get("ref_type").asText()).isEqualTo("signup_bonus");
        assertThat(history.get("items").get(0).get("ref_id").asText()).isEqualTo(id.toString());
    }

    @Test
    void put_me_changes_name_and_image_and_null_clears() {
        UUID id = service.createUser("editor@example.com");
        JsonNode updated = service.asUser(id, "PUT", "/api/users/me", "{\"name\":\"Ed\",\"image\":\"https://i/e.png\"}").json();
        assertThat(updated.get("name").asText()).isEqualTo("Ed");
        assertThat(updated.get("image").asText()).isEqualTo("https://i/e.png");
        JsonNode cleared = service.asUser(id, "PUT", "/api/users/me", "{\"image\":null}").json();
        assertThat(cleared.get("image").isNull()).isTrue();
        assertThat(cleared.get("name").asText()).isEqualTo("Ed");
        Response bad = service.asUser(id, "PUT", "/api/users/me", "{\"name\":42}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("name");
        assertThat(service.asUser(id, "GET", "/api/users/me", null).json().get("name").asText()).isEqualTo("Ed");
    }

    @Test
    void history_pages_newest_first_with_clamped_limits() {
        UUID id = service.createUser("pager@example.com");
        // 30 more entries through the ledger's own SQL path is not exposed over HTTP yet: arrange them as admin adjustments.
        service.jdbi().useHandle(h -> {
            for (int i = 1; i <= 30; i++) {
                h.execute("""
                        WITH u AS (UPDATE users SET credits_balance = credits_balance + 1 WHERE id = ? RETURNING credits_balance)
                        INSERT INTO credit_ledger (user_id, delta, balance_after, reason, ref_type, ref_id, created_at)
                        SELECT ?, 1, u.credits_balance, 'admin_adjustment', 'admin', ?, now() FROM u""", id, id, "a" + i);
            }
        });
        JsonNode page = service.asUser(id, "GET", "/api/credits/history", null).json();
        assertThat(page.get("total").asLong()).isEqualTo(31);
        assertThat(page.get("items")).hasSize(20);
        assertThat(page.get("items").get(0).get("balance_after").asLong()).isEqualTo(10_030);

        assertThat(service.asUser(id, "GET", "/api/credits/history?limit=0", null).json().get("items")).hasSize(20);
        assertThat(service.asUser(id, "GET", "/api/credits/history?limit=1000", null).json().get("items")).hasSize(31);
        assertThat(service.asUser(id, "GET", "/api/credits/history?limit=5&offset=-3", null).json().get("items").get(0)
                .get("balance_after").asLong()).isEqualTo(10_030);
        JsonNode last = service.asUser(id, "GET", "/api/credits/history?limit=5&offset=30", null).json();
        assertThat(last.get("items")).hasSize(1);
        assertThat(last.get("items").get(0).get("reason").asText()).isEqualTo("signup_bonus");

        Response bad = service.asUser(id, "GET", "/api/credits/history?limit=ten", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("limit");
        assertThat(service.asUser(id, "GET", "/api/credits/history?offset=1.5", null).status()).isEqualTo(400);
    }

    @Test
    void a_user_only_sees_their_own_ledger() {
        UUID a = service.createUser("own-a@example.com");
        UUID b = service.createUser("own-b@example.com");
        JsonNode history = service.asUser(a, "GET", "/api/credits/history", null).json();
        assertThat(history.get("items")).allSatisfy(e -> assertThat(e.get("ref_id").asText()).isNotEqualTo(b.toString()));
        assertThat(history.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void a_valid_token_of_a_deleted_user_is_401() {
        UUID id = service.createUser("gone@example.com");
        String token = TestService.tokenFor(id);
        assertThat(service.json("GET", "/api/users/me", null, "Authorization", "Bearer " + token).status()).isEqualTo(200);
        service.adapter("DELETE", "/users/" + id, null);
        Response r = service.json("GET", "/api/users/me", null, "Authorization", "Bearer " + token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
    }
}
