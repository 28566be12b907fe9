package dev.creditline.bootstrap.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.stripe.testing.StripeStub;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Without {@code PAYMENT_LINK_URL}, the User Service family's payment link is a Checkout Session
 * for the default pack made through billing (analytics.md "Credits views").
 */
class PaymentLinkTest {

    @AutoClose
    private static final StripeStub stripe = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stripe));

    @Test
    void the_payment_link_is_a_checkout_session_for_the_default_pack() {
        UUID user = service.createUser("link@example.com");
        stripe.reset();

        JsonNode link = service.asUser(user, "GET", "/api/user/credit/payment-link", null).json();

        assertThat(link.get("paymentLink").asText()).startsWith("http");
        var sessions = stripe.requests("POST", "/v1/checkout/sessions");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).param("line_items[0][price]")).isEqualTo(BillingTestKit.PRICE_STARTER);
        assertThat(sessions.get(0).param("client_reference_id")).isEqualTo(user.toString());
        assertThat(sessions.get(0).idempotencyKey()).startsWith("checkout_attempt_");
    }

    @Test
    void a_stripe_failure_leaves_the_link_null_and_the_read_succeeds() {
        UUID user = service.createUser("nolink@example.com");
        stripe.failNext(StripeStub.Failure.serverError().withShouldRetry(false));

        var r = service.asUser(user, "GET", "/api/user/info", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("paymentLink").isNull()).isTrue();
        assertThat(r.json().get("enableCredit").asBoolean()).isTrue();
    }
}
