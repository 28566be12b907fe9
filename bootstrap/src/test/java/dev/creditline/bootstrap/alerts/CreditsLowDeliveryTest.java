package dev.creditline.bootstrap.alerts;

import dev.creditline.persistence.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A {@code credits.low} reaches a real receiver on 127.0.0.1 (WEBHOOK_URL), signed as Standard Webhooks. */
@DatabaseTest
class CreditsLowDeliveryTest {

    private static final String SECRET = WebhookReceiver.newSecret();
    private static final WebhookReceiver receiver = WebhookReceiver.start(SECRET);
    private static final TestService service = TestService.start(Map.of("ALLOW_HTTP_WEBHOOKS", "true",
            "WEBHOOK_URL", receiver.url(), "WEBHOOK_SECRET", SECRET, "WEBHOOK_DISPATCH_INTERVAL_MS", "50",
            "SIGNUP_BONUS_CREDITS", "1180", "LOW_BALANCE_THRESHOLDS", "1000"));

    @AfterAll
    static void close() {
        service.close();
        receiver.close();
    }

    @Test
    void a_debit_crossing_the_threshold_delivers_one_signed_credits_low() {
        UUID user = service.createUser("delivered@example.com");
        for (int i = 0; i < 11; i++) { // 1180 → 982: the 11th call crosses 1000
            assertThat(service.internal("POST", "/model-calls", "{\"userId\":\"" + user
                    + "\",\"model\":\"openai/gpt-5.2\",\"usage\":{\"inputTokens\":1000,\"outputTokens\":1000}}")
                    .status()).isEqualTo(201);
        }
        assertThat(receiver.await(Duration.ofSeconds(30),
                all -> all.stream().anyMatch(r -> r.type().equals("credits.low")))).isTrue();
        List<WebhookReceiver.Received> low = receiver.received(r -> r.type().equals("credits.low"));
        assertThat(low).hasSize(1);
        assertThat(low.get(0).validSignature()).isTrue();
        assertThat(low.get(0).json().path("data").path("userId").asText()).isEqualTo(user.toString());
        assertThat(low.get(0).json().path("data").path("threshold").asLong()).isEqualTo(1000);
        assertThat(low.get(0).json().path("data").path("balance").asLong()).isEqualTo(982);
    }
}
