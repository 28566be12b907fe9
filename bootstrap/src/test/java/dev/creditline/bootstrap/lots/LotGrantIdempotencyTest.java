package dev.creditline.bootstrap.lots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Bad lot fields under an {@code Idempotency-Key} (lots.md "API"; GUIDE "bad input writes
 * nothing"): the 400 problem names the field and nothing is stored under the key, so the
 * corrected request with the same key succeeds, and its repeat is replayed.
 */
@DatabaseTest
class LotGrantIdempotencyTest {

    @AutoClose
    private static final TestService service = TestService.start(Map.of("ADMIN_EMAILS", "lots-admin@example.com",
            "LOT_EXPIRY_SWEEP_INTERVAL_SECONDS", "3600"));

    private static final String PAST = Instant.now().minus(1, ChronoUnit.HOURS).toString();
    private static final String FUTURE = Instant.now().plus(3, ChronoUnit.DAYS).toString();

    private static Response adminGrant(UUID admin, UUID user, String body, String key) {
        return service.json("POST", "/api/admin/users/" + user + "/grants", body,
                "Authorization", "Bearer " + TestService.tokenFor(admin), "Idempotency-Key", key);
    }

    private static long keys(String key) {
        return service.count("idempotency_keys WHERE key = '" + key + "'");
    }

    private static long entries(UUID user) {
        return service.count("credit_ledger WHERE user_id = '" + user + "'");
    }

    private static void assertBadField(Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("field").asText()).isEqualTo(field);
    }

    @Test
    void an_admin_grant_with_bad_lot_fields_stores_nothing_under_its_key_and_the_corrected_retry_grants_once() {
        UUID admin = service.createUser("lots-admin@example.com");
        UUID user = service.createUser("lots-admin-target@example.com");
        String key = "admin-lot-" + UUID.randomUUID();
        long before = entries(user);

        assertBadField(adminGrant(admin, user, "{\"amount\":500,\"note\":\"n\",\"expiresAt\":\"" + PAST + "\"}", key),
                "expiresAt");
        assertThat(keys(key)).isZero();
        assertBadField(adminGrant(admin, user, "{\"amount\":500,\"note\":\"n\",\"priority\":101}", key), "priority");
        assertBadField(adminGrant(admin, user, "{\"amount\":500,\"note\":\"n\",\"priority\":-1}", key), "priority");
        assertBadField(adminGrant(admin, user, "{\"amount\":500,\"note\":\"n\",\"category\":\"purchase\"}", key),
                "category");
        assertBadField(adminGrant(admin, user, "{\"amount\":500,\"note\":\"n\",\"category\":\"gold\"}", key),
                "category");
        assertThat(keys(key)).isZero();
        assertThat(entries(user)).isEqualTo(before);

        String good = "{\"amount\":500,\"note\":\"n\",\"category\":\"promotion\",\"priority\":5,\"expiresAt\":\""
                + FUTURE + "\"}";
        Response ok = adminGrant(admin, user, good, key);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        Response again = adminGrant(admin, user, good, key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(ok.json());
        assertThat(entries(user)).isEqualTo(before + 1);
        assertThat(service.count("credit_lots WHERE user_id = '" + user + "' AND category = 'promotion'"
                + " AND priority = 5 AND amount = 500 AND expires_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void an_internal_grant_with_bad_lot_fields_stores_nothing_under_its_key() {
        UUID user = service.createUser("lots-internal-key@example.com");
        String key = "internal-lot-" + UUID.randomUUID();
        long before = entries(user);
        String head = "{\"userId\":\"" + user + "\",\"amount\":300,";
        assertBadField(service.internal("POST", "/grants", head + "\"category\":\"admin\",\"expiresAt\":\"" + PAST
                + "\"}", "Idempotency-Key", key), "expiresAt");
        assertBadField(service.internal("POST", "/grants", head + "\"category\":\"admin\",\"priority\":1000}",
                "Idempotency-Key", key), "priority");
        assertBadField(service.internal("POST", "/grants", head + "\"category\":\"signup_bonus\"}",
                "Idempotency-Key", key), "category");
        assertBadField(service.internal("POST", "/grants", "{\"userId\":\"" + user + "\",\"amount\":0,"
                + "\"category\":\"admin\"}", "Idempotency-Key", key), "amount");
        assertThat(keys(key)).isZero();
        assertThat(entries(user)).isEqualTo(before);

        Response ok = service.internal("POST", "/grants", head + "\"category\":\"admin\",\"expiresAt\":\"" + FUTURE
                + "\"}", "Idempotency-Key", key);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        Response again = service.internal("POST", "/grants", head + "\"category\":\"admin\",\"expiresAt\":\"" + FUTURE
                + "\"}", "Idempotency-Key", key);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(ok.json());
        assertThat(entries(user)).isEqualTo(before + 1);
    }

    @Test
    void a_lot_void_with_a_bad_user_stores_nothing_under_its_key_and_the_corrected_retry_voids() {
        UUID user = service.createUser("lots-void-key@example.com");
        Response g = service.internal("POST", "/grants", "{\"userId\":\"" + user
                + "\",\"amount\":400,\"category\":\"promotion\"}");
        assertThat(g.status()).as(g.toString()).isEqualTo(201);
        long lot = g.json().get("lotId").asLong();
        String key = "void-lot-" + UUID.randomUUID();

        assertBadField(service.internal("POST", "/lots/" + lot + "/void", "{\"userId\":\"not-a-uuid\"}",
                "Idempotency-Key", key), "userId");
        assertThat(keys(key)).isZero();
        assertThat(service.count("credit_lots WHERE id = " + lot + " AND status = 'active'")).isEqualTo(1);

        Response ok = service.internal("POST", "/lots/" + lot + "/void", "{\"userId\":\"" + user + "\"}",
                "Idempotency-Key", key);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("voided").asLong()).isEqualTo(400);
        Response again = service.internal("POST", "/lots/" + lot + "/void", "{\"userId\":\"" + user + "\"}",
                "Idempotency-Key", key);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(ok.json());
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'void'")).isEqualTo(1);
    }
}
