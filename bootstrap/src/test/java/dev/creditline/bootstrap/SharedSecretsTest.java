package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter secret (api.md "Authentication"; lessons 21, 24). */
@DatabaseTest
class SharedSecretsTest {

    @Test
    void missing_or_wrong_adapter_secret_is_401_and_writes_nothing() {
        try (TestService service = TestService.start()) {
            Response missing = service.json("POST", "/api/internal/auth/users", "{\"email\":\"x@example.com\"}");
            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.contentType()).startsWith("application/problem+json");
            Response wrong = service.json("POST", "/api/internal/auth/users", "{\"email\":\"x@example.com\"}",
                    "X-Adapter-Secret", TestService.ADAPTER_SECRET + "x");
            assertThat(wrong.status()).isEqualTo(401);
            Response empty = service.json("GET", "/api/internal/auth/users/by-email/x@example.com", null,
                    "X-Adapter-Secret", "");
            assertThat(empty.status()).isEqualTo(401);
            assertThat(service.count("users")).isZero();
        }
    }

    @Test
    void an_unset_adapter_secret_disables_the_adapter_api_with_503_naming_the_setting() {
        try (TestService service = TestService.start(Map.of("ADAPTER_SECRET", ""))) {
            Response r = service.json("POST", "/api/internal/auth/users", "{\"email\":\"x@example.com\"}",
                    "X-Adapter-Secret", "");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("detail").asText()).contains("ADAPTER_SECRET");
            assertThat(service.count("users")).isZero();
            assertThat(service.json("GET", "/health", null).status()).isEqualTo(200);
        }
    }

    @Test
    void without_auth_secret_every_bearer_token_is_refused() {
        try (TestService service = TestService.start(Map.of("AUTH_SECRET", ""))) {
            var id = service.createUser("nosecret@example.com");
            assertThat(service.asUser(id, "GET", "/api/users/me", null).status()).isEqualTo(401);
        }
    }
}
