package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admin tools over HTTP (api.md "Admin"; domain.md "Roles", "Ledger"). */
@DatabaseTest
class AdminTest {

    private static TestService service;
    private static UUID boss;

    @BeforeAll
    static void start() {
        service = TestService.start(Map.of("ADMIN_EMAILS", "someone@example.com, Boss@Example.com"));
        boss = service.createUser("boss@example.com");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Response as(UUID user, Map<String, Object> claims, String method, String path, String body) {
        return service.json(method, path, body, "Authorization", "Bearer " + TestService.tokenFor(user, claims));
    }

    private static Response grant(UUID admin, UUID user, String body) {
        return service.asUser(admin, "POST", "/api/admin/users/" + user + "/grants", body);
    }

    private static long balance(UUID user) {
        return service.jdbi().withHandle(h -> h.createQuery("SELECT credits_balance FROM users WHERE id = :u")
                .bind("u", user).mapTo(Long.class).one());
    }

    private static long entries(UUID user) {
        return service.count("credit_ledger WHERE user_id = '" + user + "'");
    }

    @Test
    void an_admin_grants_and_deducts_credits_audited_with_actor_and_note() {
        UUID user = service.createUser("granted@example.com");
        Response granted = grant(boss, user, "{\"amount\":500,\"note\":\"  goodwill for outage  \"}");
        assertThat(granted.status()).as(granted.toString()).isEqualTo(201);
        JsonNode entry = granted.json().get("entry");
        assertThat(entry.get("delta").asLong()).isEqualTo(500);
        assertThat(entry.get("balance_after").asLong()).isEqualTo(10_500);
        assertThat(entry.get("reason").asText()).isEqualTo("admin_adjustment");
        assertThat(Instant.parse(entry.get("created_at").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(granted.json().get("balance").asLong()).isEqualTo(10_500);
        long entryId = entry.get("id").asLong();

        Map<String, Object> row = service.jdbi().withHandle(h -> h.createQuery(
                        "SELECT actor_id::text AS actor, note, reason, ref_type, delta FROM credit_ledger"
                                + " WHERE user_id = :u AND id = :id")
                .bind("u", user).bind("id", entryId).mapToMap().one());
        assertThat(row).containsEntry("actor", boss.toString()).containsEntry("note", "goodwill for outage")
                .containsEntry("reason", "admin_adjustment").containsEntry("ref_type", "admin")
                .containsEntry("delta", 500L);

        Response deducted = grant(boss, user, "{\"amount\":-10500,\"note\":\"chargeback\"}");
        assertThat(deducted.status()).as(deducted.toString()).isEqualTo(201);
        assertThat(deducted.json().get("balance").asLong()).isZero();
        assertThat(deducted.json().get("entry").get("delta").asLong()).isEqualTo(-10_500);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'admin_adjustment'"
                + " AND actor_id = '" + boss + "' AND note = 'chargeback' AND delta = -10500")).isEqualTo(1);
        assertThat(balance(user)).isZero();
    }

    private static Response grantWithKey(UUID admin, UUID user, String body, String key) {
        return service.json("POST", "/api/admin/users/" + user + "/grants", body,
                "Authorization", "Bearer " + TestService.tokenFor(admin), "Idempotency-Key", key);
    }

    @Test
    void a_double_submitted_grant_with_one_idempotency_key_grants_once() throws Exception {
        UUID user = service.createUser("double-submit@example.com");
        String body = "{\"amount\":700,\"note\":\"refund for ticket 42\"}";
        // a double click: two requests at once, and a later retry
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        Response a;
        Response b;
        try {
            var fa = pool.submit(() -> grantWithKey(boss, user, body, "ticket-42"));
            var fb = pool.submit(() -> grantWithKey(boss, user, body, "ticket-42"));
            a = fa.get();
            b = fb.get();
        } finally {
            pool.shutdownNow();
        }
        Response retry = grantWithKey(boss, user, body, "ticket-42");
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        assertThat(b.status()).as(b.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(a.json());
        assertThat(b.json()).isEqualTo(a.json());
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'admin_adjustment'"))
                .isEqualTo(1);
        assertThat(balance(user)).isEqualTo(10_700);

        // same key with another amount or for another user: 422, nothing written
        Response other = grantWithKey(boss, user, "{\"amount\":800,\"note\":\"refund for ticket 42\"}", "ticket-42");
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        UUID second = service.createUser("double-submit-2@example.com");
        assertThat(grantWithKey(boss, second, body, "ticket-42").status()).isEqualTo(422);
        assertThat(balance(user)).isEqualTo(10_700);
        assertThat(balance(second)).isEqualTo(10_000);

        // a refused deduction is answered the same on retry, and bad input stores no key
        Response refused = grantWithKey(boss, user, "{\"amount\":-99999,\"note\":\"x\"}", "ded-1");
        assertThat(refused.status()).isEqualTo(402);
        Response refusedAgain = grantWithKey(boss, user, "{\"amount\":-99999,\"note\":\"x\"}", "ded-1");
        assertThat(refusedAgain.status()).isEqualTo(402);
        assertThat(refusedAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(grantWithKey(boss, user, "{\"amount\":0,\"note\":\"x\"}", "bad-1").status()).isEqualTo(400);
        assertThat(service.count("idempotency_keys WHERE key = 'bad-1'")).isZero();
        // without a key every submit is a grant of its own, as before
        assertThat(grant(boss, user, body).status()).isEqualTo(201);
        assertThat(grant(boss, user, body).status()).isEqualTo(201);
        assertThat(balance(user)).isEqualTo(12_100);
    }

    @Test
    void a_deduction_below_zero_is_402_and_writes_nothing() {
        UUID user = service.createUser("poor@example.com");
        long before = entries(user);
        Response r = grant(boss, user, "{\"amount\":-10001,\"note\":\"too much\"}");
        assertThat(r.status()).isEqualTo(402);
        assertThat(r.json().get("code").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(r.json().get("balance").asLong()).isEqualTo(10_000);
        assertThat(r.json().get("required").asLong()).isEqualTo(10_001);
        assertThat(entries(user)).isEqualTo(before);
        assertThat(balance(user)).isEqualTo(10_000);
    }

    @Test
    void bad_adjustments_are_400_naming_the_field_and_write_nothing() {
        UUID user = service.createUser("bad-input@example.com");
        long before = service.count("credit_ledger");
        String longNote = "x".repeat(501);
        Object[][] cases = {
                {"{\"amount\":0,\"note\":\"zero\"}", "amount"},
                {"{\"amount\":1000000000001,\"note\":\"huge\"}", "amount"},
                {"{\"amount\":-1000000000001,\"note\":\"huge\"}", "amount"},
                {"{\"amount\":-9223372036854775808,\"note\":\"min\"}", "amount"},
                {"{\"amount\":99999999999999999999,\"note\":\"overflow\"}", "amount"},
                {"{\"amount\":1.5,\"note\":\"fraction\"}", "amount"},
                {"{\"amount\":\"5\",\"note\":\"string\"}", "amount"},
                {"{\"note\":\"no amount\"}", "amount"},
                {"{\"amount\":5}", "note"},
                {"{\"amount\":5,\"note\":\"   \"}", "note"},
                {"{\"amount\":5,\"note\":7}", "note"},
                {"{\"amount\":5,\"note\":\"" + longNote + "\"}", "note"},
                {"[]", "body"},
        };
        for (Object[] c : cases) {
            Response r = grant(boss, user, (String) c[0]);
            assertThat(r.status()).as((String) c[0] + " → " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as((String) c[0]).isEqualTo(c[1]);
        }
        assertThat(grant(boss, user, "{\"amount\":5,\"note\":\"" + "y".repeat(500) + "\"}").status()).isEqualTo(201);
        assertThat(service.count("credit_ledger")).isEqualTo(before + 1);

        Response badId = service.asUser(boss, "POST", "/api/admin/users/not-a-uuid/grants", "{\"amount\":5,\"note\":\"n\"}");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("field").asText()).isEqualTo("id");
        Response unknown = grant(boss, UUID.randomUUID(), "{\"amount\":5,\"note\":\"n\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(service.count("credit_ledger")).isEqualTo(before + 1);
    }

    @Test
    void bad_optional_members_of_a_grant_are_400_naming_the_member_and_write_nothing() {
        UUID user = service.createUser("bad-optional@example.com");
        long before = service.count("credit_ledger");
        String[][] cases = {
                {"\"category\":\"gift\"", "category"},
                {"\"category\":5", "category"},
                {"\"priority\":101", "priority"},
                {"\"priority\":-1", "priority"},
                {"\"priority\":1.5", "priority"},
                {"\"priority\":\"5\"", "priority"},
                {"\"expiresAt\":\"tomorrow\"", "expiresAt"},
                {"\"expiresAt\":\"+10000-01-01T00:00:00Z\"", "expiresAt"},
                {"\"expiresAt\":1767225600", "expiresAt"},
                {"\"note\":\"a\\u0000b\"", "note"},
                {"\"amount\":6", "amount"},
        };
        for (String[] c : cases) {
            String body = "{\"amount\":5,\"note\":\"n\"," + c[0] + "}";
            if (c[0].startsWith("\"note\"")) {
                body = "{\"amount\":5," + c[0] + "}";
            }
            Response r = grant(boss, user, body);
            assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
            assertThat(r.json().get("field").asText()).as(body).isEqualTo(c[1]);
        }
        assertThat(service.count("credit_ledger")).isEqualTo(before);

        Response full = grant(boss, user, "{\"amount\":5,\"note\":\"n\",\"category\":\"promotion\",\"priority\":7,"
                + "\"expiresAt\":\"2999-01-01T00:00:00+02:00\",\"unknown\":true}");
        assertThat(full.status()).as(full.toString()).isEqualTo(201);
        assertThat(service.count("credit_lots WHERE user_id = '" + user + "' AND category = 'promotion' AND priority = 7"
                + " AND expires_at = '2998-12-31T22:00:00Z'")).isEqualTo(1);
    }

    @Test
    void non_admins_get_403_and_callers_without_a_token_401_on_every_admin_path() {
        UUID plain = service.createUser("plain@example.com");
        long before = service.count("credit_ledger");
        Response verify = service.asUser(plain, "GET", "/api/admin/ledger/verify", null);
        assertThat(verify.status()).isEqualTo(403);
        assertThat(verify.json().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(service.asUser(plain, "GET", "/api/admin/ledger/verify?userId=bad", null).status()).isEqualTo(403);
        Response selfGrant = grant(plain, plain, "{\"amount\":1000000,\"note\":\"me\"}");
        assertThat(selfGrant.status()).isEqualTo(403);
        // An unknown role claim grants nothing.
        assertThat(as(plain, Map.of("role", "superuser"), "GET", "/api/admin/ledger/verify", null).status())
                .isEqualTo(403);

        assertThat(service.json("GET", "/api/admin/ledger/verify", null).status()).isEqualTo(401);
        assertThat(service.json("POST", "/api/admin/users/" + plain + "/grants", "{\"amount\":1,\"note\":\"n\"}")
                .status()).isEqualTo(401);
        assertThat(service.json("GET", "/api/admin/ledger/verify", null, "Authorization", "Bearer junk").status())
                .isEqualTo(401);
        assertThat(service.count("credit_ledger")).isEqualTo(before);
        assertThat(balance(plain)).isEqualTo(10_000);
    }

    @Test
    void admin_rights_come_from_admin_emails_the_token_role_claim_or_the_stored_role() {
        UUID target = service.createUser("target@example.com");
        // ADMIN_EMAILS, compared case-insensitively: boss@example.com is listed as Boss@Example.com.
        assertThat(grant(boss, target, "{\"amount\":1,\"note\":\"by email\"}").status()).isEqualTo(201);

        UUID claimAdmin = service.createUser("claim-admin@example.com");
        assertThat(grant(claimAdmin, target, "{\"amount\":1,\"note\":\"no role\"}").status()).isEqualTo(403);
        for (String role : new String[] {"admin", "owner"}) {
            Response r = as(claimAdmin, Map.of("role", role), "POST", "/api/admin/users/" + target + "/grants",
                    "{\"amount\":1,\"note\":\"by claim\"}");
            assertThat(r.status()).as(role).isEqualTo(201);
        }

        UUID stored = service.createUser("stored-admin@example.com");
        assertThat(service.asUser(stored, "GET", "/api/admin/ledger/verify?userId=" + target, null).status())
                .isEqualTo(403);
        service.jdbi().useHandle(h -> h.execute("UPDATE users SET role = 'owner' WHERE id = ?", stored));
        assertThat(service.asUser(stored, "GET", "/api/admin/ledger/verify?userId=" + target, null).status())
                .isEqualTo(200);

        assertThat(service.count("credit_ledger WHERE user_id = '" + target + "' AND reason = 'admin_adjustment'"))
                .isEqualTo(3);
        assertThat(balance(target)).isEqualTo(10_003);
    }

    @Test
    void verify_reports_an_injected_balance_mismatch() {
        UUID good = service.createUser("consistent@example.com");
        UUID broken = service.createUser("broken@example.com");
        Response clean = service.asUser(boss, "GET", "/api/admin/ledger/verify?userId=" + broken, null);
        assertThat(clean.status()).isEqualTo(200);
        assertThat(clean.json().get("checked").asLong()).isEqualTo(1);
        assertThat(clean.json().get("mismatches")).isEmpty();

        // Corrupt the cached balance behind the ledger's back.
        service.jdbi().useHandle(h -> h.execute("UPDATE users SET credits_balance = credits_balance + 7 WHERE id = ?",
                broken));

        Response one = service.asUser(boss, "GET", "/api/admin/ledger/verify?userId=" + broken, null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("checked").asLong()).isEqualTo(1);
        JsonNode m = one.json().get("mismatches").get(0);
        assertThat(m.get("userId").asText()).isEqualTo(broken.toString());
        assertThat(m.get("balance").asLong()).isEqualTo(10_007);
        assertThat(m.get("ledgerSum").asLong()).isEqualTo(10_000);
        assertThat(m.get("firstBadEntry").isNull()).isTrue();

        // A corrupted running balance names the entry.
        long firstEntry = service.jdbi().withHandle(h -> h.createQuery(
                "SELECT min(id) FROM credit_ledger WHERE user_id = :u").bind("u", broken).mapTo(Long.class).one());
        service.jdbi().useHandle(h -> h.execute("UPDATE credit_ledger SET balance_after = balance_after + 1"
                + " WHERE user_id = ? AND id = ?", broken, firstEntry));
        JsonNode bad = service.asUser(boss, "GET", "/api/admin/ledger/verify?userId=" + broken, null)
                .json().get("mismatches").get(0);
        assertThat(bad.get("firstBadEntry").asLong()).isEqualTo(firstEntry);

        Response all = service.asUser(boss, "GET", "/api/admin/ledger/verify", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("checked").asLong()).isEqualTo(service.count("users"));
        assertThat(all.json().get("mismatches").findValuesAsText("userId")).contains(broken.toString())
                .doesNotContain(good.toString(), boss.toString());

        Response badId = service.asUser(boss, "GET", "/api/admin/ledger/verify?userId=42", null);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("field").asText()).isEqualTo("userId");
        assertThat(service.asUser(boss, "GET", "/api/admin/ledger/verify?userId=" + UUID.randomUUID(), null).status())
                .isEqualTo(404);
    }
}
