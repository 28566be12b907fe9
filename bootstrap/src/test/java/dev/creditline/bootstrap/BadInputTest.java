package dev.creditline.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a clear 4xx problem+json naming the field, and nothing is written (api.md "Errors"). */
@DatabaseTest
class BadInputTest {

    @AutoClose
    private static final TestService service = TestService.start();

    private static void assertProblem(Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("detail").asText()).isNotBlank();
        assertThat(r.json().get("code").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("at dev.").doesNotContain("Exception");
        if (field != null) {
            assertThat(r.json().get("field").asText()).isEqualTo(field);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON           | {\"email\":                              | ",
            "not an object            | [1,2,3]                                  | body",
            "empty object             | {}                                       | email",
            "email of wrong type      | {\"email\":true}                         | email",
            "email not an address     | {\"email\":\"nope\"}                     | email",
            "name of wrong type       | {\"email\":\"a@b.io\",\"name\":[1]}      | name",
            "bad emailVerified        | {\"email\":\"a@b.io\",\"emailVerified\":\"yesterday\"} | emailVerified",
            "trailing garbage         | {\"email\":\"a@b.io\"} x                 | ",
            "JSON null body           | null                                     | body"})
    void bad_user_creation_is_400_and_writes_nothing(String name, String body, String field) {
        long users = service.count("users");
        assertProblem(service.adapter("POST", "/users", body), 400, field == null || field.isBlank() ? null : field.trim());
        assertThat(service.count("users")).isEqualTo(users);
        assertThat(service.count("credit_ledger")).isEqualTo(users);
    }

    @Test
    void a_missing_body_is_400() {
        Response r = service.json("POST", "/api/internal/auth/users", null, "X-Adapter-Secret", TestService.ADAPTER_SECRET,
                "Content-Type", "application/json");
        assertProblem(r, 400, "body");
    }

    @Test
    void a_body_over_the_limit_is_413_and_writes_nothing() {
        long users = service.count("users");
        String huge = "{\"email\":\"big@example.com\",\"name\":\"" + "x".repeat(2 << 20) + "\"}";
        assertProblem(service.adapter("POST", "/users", huge), 413, null);
        assertThat(service.count("users")).isEqualTo(users);
    }

    @Test
    void deep_nesting_is_400_not_a_stack_overflow() {
        String deep = "{\"email\":\"deep@example.com\",\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        Response r = service.adapter("POST", "/users", deep);
        assertThat(r.status()).isBetween(400, 413);
        assertThat(service.count("users WHERE email = 'deep@example.com'")).isZero();
    }

    @Test
    void a_non_json_content_type_is_415() {
        Response r = service.send(service.request("/api/internal/auth/users")
                .header("X-Adapter-Secret", TestService.ADAPTER_SECRET).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("email=a@b.io")).build());
        assertProblem(r, 415, null);
    }

    @Test
    void unknown_ids_are_404_or_null_as_the_adapter_contract_says() {
        assertProblem(service.adapter("PUT", "/users/" + UUID.randomUUID(), "{\"name\":\"x\"}"), 404, null);
        assertProblem(service.adapter("PUT", "/users/not-a-uuid", "{\"name\":\"x\"}"), 404, null);
        assertProblem(service.adapter("DELETE", "/users/not-a-uuid", null), 404, null);
        assertThat(service.adapter("GET", "/users/" + UUID.randomUUID(), null).body()).isEqualTo("null");
    }

    @Test
    void account_links_need_a_uuid_user_and_the_required_fields() {
        long accounts = service.count("accounts");
        assertProblem(service.adapter("POST", "/accounts", "{\"userId\":\"42\",\"type\":\"oauth\",\"provider\":\"g\","
                + "\"providerAccountId\":\"1\"}"), 400, "userId");
        UUID id = service.createUser("links@example.com");
        assertProblem(service.adapter("POST", "/accounts", "{\"userId\":\"" + id + "\",\"type\":\"oauth\","
                + "\"providerAccountId\":\"1\"}"), 400, "provider");
        assertProblem(service.adapter("POST", "/accounts", "{\"userId\":\"" + id + "\",\"type\":\"oauth\",\"provider\":\"g\","
                + "\"providerAccountId\":\"1\",\"expires_at\":\"soon\"}"), 400, "expires_at");
        assertThat(service.count("accounts")).isEqualTo(accounts);
    }

    @Test
    void verification_tokens_need_identifier_token_and_a_valid_expiry() {
        assertProblem(service.adapter("POST", "/verification-tokens", "{\"identifier\":\"a\",\"token\":\"t\"}"), 400, "expires");
        assertProblem(service.adapter("POST", "/verification-tokens", "{\"identifier\":\"a\",\"expires\":\"2030-01-01T00:00:00Z\"}"),
                400, "token");
        assertProblem(service.adapter("POST", "/verification-tokens/use", "{\"token\":\"t\"}"), 400, "identifier");
        assertThat(service.count("verification_tokens")).isZero();
    }

    @Test
    void unknown_routes_are_404_and_wrong_methods_405_as_problem_json() {
        assertProblem(service.json("GET", "/nope", null), 404, null);
        assertProblem(service.json("DELETE", "/health", null), 405, null);
    }

    // ---- input robustness (docs/api.md "Input robustness") ---------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NUL in name               | {\"email\":\"nul1@example.com\",\"name\":\"a\\u0000b\"}                  | name",
            "NUL in image              | {\"email\":\"nul2@example.com\",\"image\":\"\\u0000\"}                   | image",
            "emailVerified year 294277 | {\"email\":\"far1@example.com\",\"emailVerified\":\"+294277-01-01T00:00:00Z\"} | emailVerified",
            "email_verified year 1e9   | {\"email\":\"far2@example.com\",\"email_verified\":\"+999999999-12-31T23:59:59Z\"} | email_verified",
            "duplicate key             | {\"email\":\"dup1@example.com\",\"email\":\"dup2@example.com\"}        | email"})
    void text_postgres_cannot_store_and_duplicate_keys_are_400_naming_the_field(String name, String body, String field) {
        long users = service.count("users");
        assertProblem(service.adapter("POST", "/users", body.trim()), 400, field.trim());
        assertThat(service.count("users")).isEqualTo(users);
    }

    @Test
    void nul_in_profile_update_and_verification_token_is_400() {
        UUID u = service.createUser("nul-profile@example.com");
        assertProblem(service.asUser(u, "PUT", "/api/users/me", "{\"name\":\"\\u0000\"}"), 400, "name");
        long tokens = service.count("verification_tokens");
        assertProblem(service.adapter("POST", "/verification-tokens",
                "{\"identifier\":\"a\\u0000\",\"token\":\"t\",\"expires\":\"2030-01-01T00:00:00Z\"}"), 400, "identifier");
        assertProblem(service.adapter("POST", "/verification-tokens",
                "{\"identifier\":\"a\",\"token\":\"t\",\"expires\":\"+294277-01-01T00:00:00Z\"}"), 400, "expires");
        assertThat(service.count("verification_tokens")).isEqualTo(tokens);
    }

    @Test
    void nul_in_a_path_parameter_is_400_naming_it() {
        assertProblem(service.adapter("GET", "/users/by-account/%00/x", null), 400, "provider");
        assertProblem(service.adapter("DELETE", "/accounts/github/%00", null), 400, "providerAccountId");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"garbage", "application/json; charset=\"", "application/json; charset=nope"})
    void an_unparsable_content_type_or_unknown_charset_is_415(String contentType) {
        long users = service.count("users");
        Response r = service.send(service.request("/api/internal/auth/users")
                .header("X-Adapter-Secret", TestService.ADAPTER_SECRET).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ct@example.com\"}")).build());
        assertProblem(r, 415, null);
        assertThat(service.count("users")).isEqualTo(users);
    }

    @Test
    void a_body_on_delete_reaches_the_api_instead_of_a_bare_400() {
        UUID u = service.createUser("delete-body@example.com");
        Response r = service.json("DELETE", "/api/internal/auth/users/" + u, "{}", "X-Adapter-Secret", TestService.ADAPTER_SECRET);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }
}
