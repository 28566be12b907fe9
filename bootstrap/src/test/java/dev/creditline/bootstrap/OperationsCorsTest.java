package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.rest.operations.CorsPolicy;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** CORS for browser callers (issue 6; auth-credits-billing-plan.md "CORS"). */
@DatabaseTest
class OperationsCorsTest {

    private static final String APP = "https://app.example.com";
    private static final String EVIL = "https://evil.example.net";
    @AutoClose
    private static final TestService service = TestService.start(Map.of("FRONTEND_URL", APP + "/, https://admin.example.com"));

    private static Response preflight(String origin, String path, String method, String headers) {
        return service.json("OPTIONS", path, null, "Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", headers);
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_without_authentication() {
        Response r = preflight(APP, "/api/users/me", "PUT", "authorization, content-type, idempotency-key");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.header("Access-Control-Allow-Headers")).contains("Authorization", "Content-Type", "Idempotency-Key");
        assertThat(r.header("Access-Control-Allow-Methods")).contains("PUT", "DELETE");
        assertThat(r.header("Vary")).contains("Origin");
        assertThat(r.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void an_allowed_origin_reads_user_endpoints_with_credentials_and_sees_the_request_id() {
        UUID user = service.createUser("cors-" + UUID.randomUUID() + "@example.com");
        Response r = service.json("GET", "/api/users/me", null, "Origin", APP,
                "Authorization", "Bearer " + TestService.tokenFor(user));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(r.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
        // errors too: the front end must be able to read the problem body
        Response unauthorized = service.json("GET", "/api/users/me", null, "Origin", APP);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Access-Control-Allow-Origin")).isEqualTo(APP);
    }

    @Test
    void another_origin_gets_no_cors_headers() {
        Response pre = preflight(EVIL, "/api/users/me", "GET", "authorization");
        assertThat(pre.status()).isEqualTo(403);
        assertThat(pre.contentType()).startsWith("application/problem+json");
        assertThat(pre.header("Access-Control-Allow-Origin")).isNull();
        assertThat(pre.header("Access-Control-Allow-Credentials")).isNull();

        UUID user = service.createUser("evil-" + UUID.randomUUID() + "@example.com");
        Response actual = service.json("GET", "/api/users/me", null, "Origin", EVIL,
                "Authorization", "Bearer " + TestService.tokenFor(user));
        assertThat(actual.header("Access-Control-Allow-Origin")).isNull();
        assertThat(actual.header("Vary")).contains("Origin");
        // the development origin is not added when a production origin is configured
        assertThat(preflight("http://localhost:3000", "/api/users/me", "GET", "authorization").status()).isEqualTo(403);
    }

    @Test
    void internal_admin_and_webhook_paths_refuse_cross_origin_requests_even_from_allowed_origins() {
        long users = service.count("users");
        Response create = service.json("POST", "/api/internal/auth/users", "{\"email\":\"x-origin@example.com\"}",
                "Origin", APP, "X-Adapter-Secret", TestService.ADAPTER_SECRET);
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().get("code").asText()).isEqualTo("CROSS_ORIGIN_REFUSED");
        assertThat(create.header("Access-Control-Allow-Origin")).isNull();
        assertThat(service.count("users")).isEqualTo(users);

        for (String path : new String[] {"/api/internal/model-calls", "/api/admin/ledger/verify",
            "/api/billing/webhook", "/api/user/admin/user-stats", "/metrics", "/api//internal/auth/users"}) {
            Response pre = preflight(APP, path, "POST", "content-type");
            assertThat(pre.status()).as(path).isEqualTo(403);
            assertThat(pre.header("Access-Control-Allow-Origin")).as(path).isNull();
        }
        // the same call from a server (no Origin) works
        assertThat(service.adapter("POST", "/users", "{\"email\":\"x-origin@example.com\"}").status()).isEqualTo(201);
    }

    @Test
    void the_development_origin_is_allowed_only_when_no_production_origin_is_set() {
        assertThat(CorsPolicy.fromFrontendUrl(null).allowedOrigins()).containsExactly("http://localhost:3000");
        assertThat(CorsPolicy.fromFrontendUrl("http://127.0.0.1:5173").allowedOrigins())
                .containsExactlyInAnyOrder("http://127.0.0.1:5173", "http://localhost:3000");
        CorsPolicy prod = CorsPolicy.fromFrontendUrl("HTTPS://App.Example.com:443/");
        assertThat(prod.allowedOrigins()).containsExactly("https://app.example.com");
        assertThat(prod.allows("https://app.example.com")).isTrue();
        assertThat(prod.allows("https://app.example.com.evil.net")).isFalse();
        assertThat(prod.allows("null")).isFalse();
    }

    @Test
    void an_invalid_frontend_url_refuses_start_up_naming_the_variable() {
        assertThatThrownBy(() -> Config.from(Map.of("FRONTEND_URL", "https://app.example.com/billing")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FRONTEND_URL");
        assertThatThrownBy(() -> Config.from(Map.of("FRONTEND_URL", "app.example.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FRONTEND_URL");
    }
}
