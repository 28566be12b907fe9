package dev.creditline.bootstrap.robustness;

import dev.creditline.persistence.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Bodies bound to request records over HTTP (docs/architecture.md "Request binding"): Bean Validation runs
 * (Jersey's feature is on), answers the same 400 naming the field as the hand-written parsing did, the
 * admin check comes before the body, and an idempotent endpoint still hashes the body as sent.
 */
@DatabaseTest
class RequestBindingHttpTest {

    @AutoClose
    private static final TestService service = TestService.start();

    private static void badRequest(Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.json().get("requestId").asText()).isNotBlank();
    }

    @Test
    void a_model_call_body_is_checked_before_anything_is_written() {
        UUID user = service.createUser("binding@example.com");
        long calls = service.count("model_calls");
        long keys = service.count("idempotency_keys");
        badRequest(service.internal("POST", "/model-calls", "{}"), "userId");
        badRequest(service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"m\"}",
                "Idempotency-Key", "k-1"), "usage");
        badRequest(service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"m\","
                + "\"usage\":{\"inputTokens\":\"10\"}}"), "usage.inputTokens");
        badRequest(service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"m\","
                + "\"usage\":{\"inputTokens\":10},\"durationMs\":2.5}"), "durationMs");
        badRequest(service.internal("POST", "/model-calls", "[1]"), "body");
        badRequest(service.internal("POST", "/model-calls", ""), "body");
        assertThat(service.count("model_calls")).isEqualTo(calls);
        assertThat(service.count("idempotency_keys")).isEqualTo(keys);
    }

    @Test
    void a_keyed_retry_with_members_in_another_order_is_the_same_request() {
        UUID user = service.createUser("binding-key@example.com");
        Response first = service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"m\","
                + "\"usage\":{\"inputTokens\":10}}", "Idempotency-Key", "k-order");
        Response again = service.internal("POST", "/model-calls", "{\"usage\":{\"inputTokens\":10},\"model\":\"m\","
                + "\"userId\":\"" + user + "\"}", "Idempotency-Key", "k-order");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
    }

    @Test
    void a_non_json_content_type_is_still_415() {
        Response r = service.send(service.request("/api/internal/model-calls")
                .header("X-Service-Secret", TestService.SERVICE_SECRET).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.status()).isEqualTo(415);
    }

    @Test
    void adapter_bodies_name_the_field() {
        badRequest(service.adapter("POST", "/verification-tokens", "{\"identifier\":\"a\",\"token\":7,"
                + "\"expires\":\"2030-01-01T00:00:00Z\"}"), "token");
        badRequest(service.adapter("POST", "/verification-tokens", "{\"identifier\":\"a\",\"token\":\"t\","
                + "\"expires\":\"tomorrow\"}"), "expires");
        badRequest(service.adapter("POST", "/accounts", "{\"userId\":\"" + UUID.randomUUID() + "\",\"type\":\"oauth\","
                + "\"provider\":\"g\",\"providerAccountId\":\"1\",\"expires_at\":1.5}"), "expires_at");
    }

    @Test
    void a_non_admin_gets_403_before_the_body_is_looked_at() {
        UUID user = service.createUser("binding-nonadmin@example.com");
        Response r = service.asUser(user, "POST", "/api/user/recalculate-stats", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        r = service.asUser(user, "POST", "/api/user/cleanup-daily-stats", "[not json");
        assertThat(r.status()).as(r.body()).isEqualTo(403);
    }
}
