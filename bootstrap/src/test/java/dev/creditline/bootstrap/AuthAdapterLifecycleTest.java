package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The Auth.js adapter API end to end over HTTP (api.md "Auth.js adapter"). */
@DatabaseTest
class AuthAdapterLifecycleTest {

    @AutoClose
    private static final TestService service = TestService.start();

    @Test
    void a_user_goes_through_the_whole_adapter_lifecycle() {
        // createUser grants the signup bonus
        Response created = service.adapter("POST", "/users",
                "{\"email\":\"Grace@Example.com\",\"name\":\"Grace\",\"image\":\"https://img/g.png\","
                        + "\"emailVerified\":\"2026-01-02T03:04:05Z\",\"id\":\"ignored\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode user = created.json();
        String id = user.get("id").asText();
        assertThat(user.get("email").asText()).isEqualTo("Grace@Example.com");
        assertThat(user.get("credits_balance").asLong()).isEqualTo(10_000);
        assertThat(user.get("plan").asText()).isEqualTo("free");
        assertThat(user.get("emailVerified").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(user.has("created_at")).isTrue();
        assertThat(service.count("credit_ledger WHERE user_id = '" + id + "' AND reason = 'signup_bonus'")).isEqualTo(1);

        // getUser, getUserByEmail (case-insensitive)
        assertThat(service.adapter("GET", "/users/" + id, null).json().get("email").asText()).isEqualTo("Grace@Example.com");
        assertThat(service.adapter("GET", "/users/by-email/grace@example.COM", null).json().get("id").asText()).isEqualTo(id);
        Response unknown = service.adapter("GET", "/users/" + UUID.randomUUID(), null);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo("null");
        assertThat(service.adapter("GET", "/users/not-a-uuid", null).body()).isEqualTo("null");
        assertThat(service.adapter("GET", "/users/by-email/nobody@example.com", null).body()).isEqualTo("null");

        // linkAccount, getUserByAccount
        Response linked = service.adapter("POST", "/accounts", "{\"userId\":\"" + id + "\",\"type\":\"oauth\","
                + "\"provider\":\"github\",\"providerAccountId\":\"gh-42\",\"access_token\":\"at\",\"expires_at\":1893456000,"
                + "\"token_type\":\"bearer\",\"scope\":\"read:user\"}");
        assertThat(linked.status()).isEqualTo(201);
        assertThat(linked.json().get("expires_at").asLong()).isEqualTo(1893456000L);
        assertThat(service.adapter("GET", "/users/by-account/github/gh-42", null).json().get("id").asText()).isEqualTo(id);
        Response again = service.adapter("POST", "/accounts", "{\"userId\":\"" + id + "\",\"type\":\"oauth\","
                + "\"provider\":\"github\",\"providerAccountId\":\"gh-42\"}");
        assertThat(again.status()).isEqualTo(409);

        // updateUser: an explicit null clears, an absent field is kept
        Response updated = service.adapter("PUT", "/users/" + id, "{\"name\":null,\"emailVerified\":null}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").isNull()).isTrue();
        assertThat(updated.json().get("emailVerified").isNull()).isTrue();
        assertThat(updated.json().get("image").asText()).isEqualTo("https://img/g.png");
        assertThat(service.adapter("PUT", "/users/" + UUID.randomUUID(), "{\"name\":\"x\"}").status()).isEqualTo(404);

        // verification tokens: create, use, use again → null
        Response token = service.adapter("POST", "/verification-tokens",
                "{\"identifier\":\"grace@example.com\",\"token\":\"tok-123\",\"expires\":\"2030-01-01T00:00:00Z\"}");
        assertThat(token.status()).isEqualTo(201);
        assertThat(service.count("verification_tokens WHERE token_hash = encode(sha256('tok-123'), 'hex')")).isEqualTo(1);
        assertThat(service.count("verification_tokens WHERE token_hash = 'tok-123'")).isZero();
        Response used = service.adapter("POST", "/verification-tokens/use", "{\"identifier\":\"grace@example.com\",\"token\":\"tok-123\"}");
        assertThat(used.json().get("token").asText()).isEqualTo("tok-123");
        assertThat(used.json().get("expires").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(service.adapter("POST", "/verification-tokens/use",
                "{\"identifier\":\"grace@example.com\",\"token\":\"tok-123\"}").body()).isEqualTo("null");

        // unlinkAccount (also when absent)
        assertThat(service.adapter("DELETE", "/accounts/github/gh-42", null).status()).isEqualTo(204);
        assertThat(service.adapter("GET", "/users/by-account/github/gh-42", null).body()).isEqualTo("null");
        assertThat(service.adapter("DELETE", "/accounts/github/gh-42", null).status()).isEqualTo(204);

        // deleteUser cascades
        service.adapter("POST", "/accounts", "{\"userId\":\"" + id + "\",\"type\":\"email\",\"provider\":\"email\",\"providerAccountId\":\"g\"}");
        assertThat(service.adapter("DELETE", "/users/" + id, null).status()).isEqualTo(204);
        assertThat(service.adapter("GET", "/users/" + id, null).body()).isEqualTo("null");
        assertThat(service.count("credit_ledger WHERE user_id = '" + id + "'")).isZero();
        assertThat(service.count("accounts WHERE user_id = '" + id + "'")).isZero();
        assertThat(service.adapter("DELETE", "/users/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void duplicate_email_is_409_whatever_its_case() {
        assertThat(service.adapter("POST", "/users", "{\"email\":\"dup@example.com\"}").status()).isEqualTo(201);
        Response dup = service.adapter("POST", "/users", "{\"email\":\"DUP@example.com\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.contentType()).startsWith("application/problem+json");
        assertThat(dup.json().get("code").asText()).isEqualTo("EMAIL_TAKEN");
        assertThat(service.count("users WHERE lower(email) = 'dup@example.com'")).isEqualTo(1);
    }

    @Test
    void email_verified_is_also_accepted_in_snake_case() {
        Response r = service.adapter("POST", "/users", "{\"email\":\"snake@example.com\",\"email_verified\":\"2026-05-01T00:00:00+02:00\"}");
        assertThat(r.json().get("emailVerified").asText()).isEqualTo("2026-04-30T22:00:00Z");
    }

    @Test
    void linking_an_account_to_an_unknown_user_is_404() {
        Response r = service.adapter("POST", "/accounts", "{\"userId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"oauth\",\"provider\":\"github\",\"providerAccountId\":\"zz\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(service.count("accounts WHERE provider_account_id = 'zz'")).isZero();
    }
}
