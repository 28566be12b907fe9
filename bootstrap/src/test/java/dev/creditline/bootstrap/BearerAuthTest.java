package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bearer authentication over HTTP with tokens made by the real Auth.js {@code encode()} and
 * {@code jose} (fixtures in adapters-rest/src/test/resources/tokens, api.md "Authentication").
 */
@DatabaseTest
class BearerAuthTest {

    private static JsonNode fixtures;
    private static TestService service;
    private static UUID fixtureUser;

    @BeforeAll
    static void start() throws IOException {
        try (InputStream in = BearerAuthTest.class.getResourceAsStream("/tokens/tokens.json")) {
            fixtures = new ObjectMapper().readTree(in);
        }
        service = TestService.start(Map.of(
                "AUTH_SECRET", fixtures.get("secrets").get("AUTH_SECRET").asText(),
                "AUTH_SECRET_1", fixtures.get("secrets").get("AUTH_SECRET_1").asText()));
        fixtureUser = UUID.fromString(fixtures.get("user_id").asText());
        // The fixtures name a fixed user id; the adapter API makes random ids, so arrange the row directly.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        service.jdbi().useHandle(h -> h.execute("INSERT INTO users (id, email, created_at, updated_at) VALUES (?, ?, ?, ?)",
                fixtureUser, "fixture@example.com", now, now));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static Stream<String> validTokens() {
        return Stream.of("jwe_authjs_salt", "jwe_secure_salt", "jwe_rotated_secret", "jwe_a256gcm", "jws_hs256",
                "jws_with_role_admin");
    }

    static Stream<String> invalidTokens() {
        return Stream.of("expired_jwe", "expired_jws", "wrong_secret_jwe", "wrong_secret_jws", "alg_none",
                "non_uuid_sub_jws", "non_uuid_sub_jwe", "tampered_jws", "jws_missing_exp", "jws_hs512", "future_iat_jws");
    }

    private static Response me(String token) {
        return service.json("GET", "/api/users/me", null, "Authorization", "Bearer " + token);
    }

    @ParameterizedTest
    @MethodSource("validTokens")
    void real_auth_js_and_jose_tokens_sign_the_user_in(String name) {
        Response r = me(fixtures.get("tokens").get(name).get("token").asText());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(fixtureUser.toString());
        assertThat(r.json().get("email").asText()).isEqualTo("fixture@example.com");
    }

    @ParameterizedTest
    @MethodSource("invalidTokens")
    void forged_expired_and_malformed_tokens_are_401_invalid_token(String name) {
        Response r = me(fixtures.get("tokens").get(name).get("token").asText());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void no_credentials_is_401_authentication_required() {
        Response r = service.json("GET", "/api/users/me", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("detail").asText()).isEqualTo("Authentication required");
    }

    @Test
    void garbage_and_wrong_schemes_are_401_never_500() {
        for (String header : new String[] {"Bearer ", "Bearer x.y.z", "Basic dXNlcjpwYXNz", "Bearer " + "a".repeat(6_000),
                "Bearer a.b.c.d.e", "Token abc"}) {
            Response r = service.json("GET", "/api/users/me", null, "Authorization", header);
            assertThat(r.status()).as(header.substring(0, Math.min(20, header.length()))).isEqualTo(401);
        }
        // Beyond Grizzly's 8 KiB header limit the server refuses the request itself: still a 4xx.
        Response huge = service.json("GET", "/api/users/me", null, "Authorization", "Bearer " + "a".repeat(20_000));
        assertThat(huge.status()).isBetween(400, 431);
    }
}
