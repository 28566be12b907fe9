package dev.creditline.bootstrap.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** With Stripe configured, credit is enabled and PAYMENT_LINK_URL is the payment link. */
@DatabaseTest
class UserServiceBillingLinksTest {

    @AutoClose
    private static final TestService svc = TestService.start(Map.of("STRIPE_SECRET_KEY", "sk_test_dummy", "PAYMENT_LINK_URL",
                "https://pay.example.com/buy", "PROFILE_LINK_URL", "https://app.example.com/credits"));

    @Test
    void info_shows_credit_balance_and_links_when_stripe_is_configured() {
        UUID user = svc.createUser("paid@example.com");
        JsonNode info = svc.asUser(user, "GET", "/api/user/info", null).json();
        assertThat(info.get("enableCredit").asBoolean()).isTrue();
        assertThat(info.at("/creditBalance/balance").isNumber()).isTrue();
        assertThat(info.at("/creditBalance/pendingCredit").asLong()).isZero();
        assertThat(info.get("paymentLink").asText()).isEqualTo("https://pay.example.com/buy");
        assertThat(info.get("profileLink").asText()).isEqualTo("https://app.example.com/credits");
        assertThat(svc.asUser(user, "GET", "/api/user/credit/payment-link", null).json().get("paymentLink").asText())
                .isEqualTo("https://pay.example.com/buy");
    }
}
