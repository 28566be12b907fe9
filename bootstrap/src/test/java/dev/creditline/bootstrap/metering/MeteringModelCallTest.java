package dev.creditline.bootstrap.metering;

import static dev.creditline.bootstrap.metering.MeteringSupport.assertLedgerConsistent;
import static dev.creditline.bootstrap.metering.MeteringSupport.balance;
import static dev.creditline.bootstrap.metering.MeteringSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code POST /api/internal/model-calls} and credit checks (api.md "Metering"; domain.md "Pricing"). */
@DatabaseTest
class MeteringModelCallTest {

    @AutoClose
    private static final TestService service = TestService.start(Map.of("HOLD_SWEEP_INTERVAL_SECONDS", "3600"));

    @Test
    void a_successful_call_is_priced_debited_and_stored_in_one_go() {
        UUID user = service.createUser("mc1@example.com");
        Response r = service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"openai/gpt-5.2\","
                + "\"providerId\":\"openai\",\"usage\":{\"inputTokens\":1200,\"outputTokens\":350},\"durationMs\":1500,"
                + "\"appId\":\"app-1\",\"requestId\":\"req-1\",\"documentId\":\"doc-1\",\"sessionId\":\"s-1\","
                + "\"messageId\":\"m-1\",\"callTime\":\"2026-01-02T03:04:05Z\"}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode j = r.json();
        // (1200, 350) at (3, 15): r(3.6) + r(5.25) = 4 + 5
        assertThat(j.get("credits").asLong()).isEqualTo(9);
        assertThat(j.get("balance").asLong()).isEqualTo(10_000 - 9);
        String id = j.get("id").asText();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "' AND reason = 'usage' AND delta = -9"
                + " AND ref_type = 'model_call' AND ref_id = '" + id + "'")).isEqualTo(1);
        assertThat(service.count("model_calls WHERE id = '" + id + "' AND credits = 9 AND status = 'success'"
                + " AND type = 'chatCompletion' AND total_usage = 1550 AND app_id = 'app-1' AND request_id = 'req-1'"
                + " AND document_id = 'doc-1' AND session_id = 's-1' AND message_id = 'm-1' AND provider_id = 'openai'"
                + " AND duration_ms = 1500 AND call_time = '2026-01-02T03:04:05Z'")).isEqualTo(1);
        assertThat(balance(service, user)).isEqualTo(9_991);
        assertLedgerConsistent(service);
    }

    @Test
    void each_call_type_uses_its_formula() {
        UUID user = service.createUser("mc-types@example.com");
        // image: 1000 tokens at 3/1000 + 2 images at 15 = 33
        Response image = service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"x/unknown\","
                + "\"type\":\"imageGeneration\",\"usage\":{\"inputTokens\":1000,\"numberOfImageGeneration\":2}}");
        assertThat(image.json().get("credits").asLong()).isEqualTo(33);
        // video: 0 tokens + 4 s at 5 (deepseek 1/5) = 20
        Response video = service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\","
                + "\"model\":\"deepseek/deepseek-v3.2\",\"type\":\"video\",\"usage\":{\"mediaDurationSeconds\":4}}");
        assertThat(video.json().get("credits").asLong()).isEqualTo(20);
        // a successful call is never free
        Response tiny = service.internal("POST", "/model-calls", call(user, "deepseek/deepseek-v3.2", 10, 0));
        assertThat(tiny.json().get("credits").asLong()).isEqualTo(1);
        assertThat(balance(service, user)).isEqualTo(10_000 - 33 - 20 - 1);
    }

    @Test
    void a_failed_call_costs_nothing_and_writes_no_ledger_entry() {
        UUID user = service.createUser("mc-failed@example.com");
        Response r = service.internal("POST", "/model-calls", "{\"userId\":\"" + user + "\",\"model\":\"openai/gpt-5.2\","
                + "\"status\":\"failed\",\"errorReason\":\"upstream 500\",\"usage\":{\"inputTokens\":5000}}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("credits").asLong()).isZero();
        assertThat(r.json().get("balance").asLong()).isEqualTo(10_000);
        assertThat(service.count("model_calls WHERE user_id = '" + user + "' AND status = 'failed' AND credits = 0"
                + " AND error_reason = 'upstream 500'")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(1);
    }

    @Test
    void not_enough_credits_is_402_with_required_and_balance_and_nothing_written() {
        UUID user = service.createUser("mc-poor@example.com");
        // opus 15/75: 200k output tokens = 15000 credits > 10000
        Response r = service.internal("POST", "/model-calls", call(user, "anthropic/claude-opus-4.5", 0, 200_000));
        assertThat(r.status()).isEqualTo(402);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(r.json().get("required").asLong()).isEqualTo(15_000);
        assertThat(r.json().get("balance").asLong()).isEqualTo(10_000);
        assertThat(service.count("model_calls WHERE user_id = '" + user + "'")).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(1);
        assertThat(balance(service, user)).isEqualTo(10_000);
    }

    @Test
    void bad_input_is_a_clear_4xx_naming_the_field_and_writes_nothing() {
        UUID user = service.createUser("mc-bad@example.com");
        String u = "\"userId\":\"" + user + "\"";
        Object[][] cases = {
                {"{" + u + ",\"model\":\"m\",\"usage\":{\"inputTokens\":-1}}", 400, "usage.inputTokens"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{\"outputTokens\":1000000000001}}", 400, "usage.outputTokens"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{\"inputTokens\":99999999999999999999999999}}", 400, "usage.inputTokens"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{\"inputTokens\":1e400}}", 400, "usage.inputTokens"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{\"inputTokens\":1.5}}", 400, "usage.inputTokens"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{\"inputTokens\":\"12\"}}", 400, "usage.inputTokens"},
                {"{" + u + ",\"model\":\"m\",\"type\":\"telepathy\",\"usage\":{}}", 400, "type"},
                {"{" + u + ",\"model\":\"m\",\"status\":\"maybe\",\"usage\":{}}", 400, "status"},
                {"{" + u + ",\"usage\":{}}", 400, "model"},
                {"{" + u + ",\"model\":\"m\"}", 400, "usage"},
                {"{" + u + ",\"model\":\"m\",\"usage\":[]}", 400, "usage"},
                {"{\"userId\":\"nope\",\"model\":\"m\",\"usage\":{}}", 400, "userId"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{},\"durationMs\":-5}", 400, "durationMs"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{},\"callTime\":\"yesterday\"}", 400, "callTime"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{},\"callTime\":99999999999999}", 400, "callTime"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{},\"holdId\":\"x\"}", 400, "holdId"},
                {"{" + u + ",\"model\":\"" + "m".repeat(201) + "\",\"usage\":{}}", 400, "model"},
                {"{" + u + ",\"model\":\"m\",\"usage\":{},\"messageId\":\"" + "m".repeat(256) + "\"}", 400, "messageId"},
                {"[1,2]", 400, "body"},
        };
        for (Object[] c : cases) {
            Response r = service.internal("POST", "/model-calls", (String) c[0]);
            assertThat(r.status()).as(c[0].toString()).isEqualTo(c[1]);
            assertThat(r.json().get("field").asText()).as(c[0].toString()).isEqualTo(c[2]);
        }
        Response unknownUser = service.internal("POST", "/model-calls", call(UUID.randomUUID(), "m", 10, 10));
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.json().get("code").asText()).isEqualTo("USER_NOT_FOUND");
        Response unknownFailed = service.internal("POST", "/model-calls", "{\"userId\":\"" + UUID.randomUUID()
                + "\",\"model\":\"m\",\"status\":\"failed\",\"usage\":{}}");
        assertThat(unknownFailed.status()).isEqualTo(404);
        Response unknownHold = service.internal("POST", "/model-calls", "{" + u + ",\"model\":\"m\",\"usage\":{},"
                + "\"holdId\":\"" + UUID.randomUUID() + "\"}");
        assertThat(unknownHold.status()).isEqualTo(404);
        assertThat(unknownHold.json().get("code").asText()).isEqualTo("HOLD_NOT_FOUND");
        Response noSecret = service.json("POST", "/api/internal/model-calls", call(user, "m", 1, 1));
        assertThat(noSecret.status()).isEqualTo(401);

        assertThat(service.count("model_calls WHERE user_id = '" + user + "'")).isZero();
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(1);
        assertThat(service.count("model_calls")).isEqualTo(service.count("model_calls WHERE user_id IN (SELECT id FROM users)"));
    }

    @Test
    void credit_check_answers_allowed_balance_required() {
        UUID user = service.createUser("cc@example.com");
        JsonNode ok = service.internal("GET", "/users/" + user + "/credit-check?amount=10000", null).json();
        assertThat(ok.get("allowed").asBoolean()).isTrue();
        assertThat(ok.get("balance").asLong()).isEqualTo(10_000);
        assertThat(ok.get("required").asLong()).isEqualTo(10_000);
        JsonNode no = service.internal("GET", "/users/" + user + "/credit-check?amount=10001", null).json();
        assertThat(no.get("allowed").asBoolean()).isFalse();
        for (String bad : new String[] {"", "-1", "abc", "1.5", "99999999999999999999"}) {
            Response r = service.internal("GET", "/users/" + user + "/credit-check?amount=" + bad, null);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("amount");
        }
        assertThat(service.internal("GET", "/users/" + UUID.randomUUID() + "/credit-check?amount=1", null).status())
                .isEqualTo(404);
        assertThat(service.internal("GET", "/users/not-a-uuid/credit-check?amount=1", null).status()).isEqualTo(404);
    }
}
