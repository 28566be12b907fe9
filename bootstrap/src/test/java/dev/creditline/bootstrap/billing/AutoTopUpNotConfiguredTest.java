package dev.creditline.bootstrap.billing;

import dev.creditline.persistence.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Without Stripe the auto top-up endpoints answer 503 and nothing else changes (events.md "Auto top-up"). */
@DatabaseTest
class AutoTopUpNotConfiguredTest {

    @AutoClose
    private static final TestService service = TestService.start(Map.of("SIGNUP_BONUS_CREDITS", "1180"));

    @Test
    void the_endpoints_answer_503_and_debits_work_as_before() {
        UUID user = service.createUser("no-stripe@example.com");
        assertProblem(service.asUser(user, "GET", "/api/billing/auto-topup", null));
        assertProblem(service.asUser(user, "PUT", "/api/billing/auto-topup",
                "{\"enabled\":true,\"threshold\":1000,\"packId\":\"starter\",\"monthlyLimit\":2}"));
        assertProblem(service.asUser(user, "POST", "/api/billing/payment-method", null));
        Response call = service.internal("POST", "/model-calls", "{\"userId\":\"" + user
                + "\",\"model\":\"openai/gpt-5.2\",\"usage\":{\"inputTokens\":1000,\"outputTokens\":1000}}");
        assertThat(call.status()).as(call.body()).isEqualTo(201);
        assertThat(service.count("auto_topup_settings")).isZero();
        assertThat(service.count("topup_attempts")).isZero();
    }

    private static void assertProblem(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
