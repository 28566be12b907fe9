package dev.creditline.bootstrap.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The User Service family's payment link (analytics.md "Credits views"; docs/billing.md "Payment
 * link"): reads never call Stripe nor write; the link is {@code PAYMENT_LINK_URL} when set, else a
 * signed, short-lived Creditline URL that creates or reuses the open default-pack checkout when
 * followed and redirects (302) to Stripe.
 */
@DatabaseTest
class PaymentLinkTest {

    @AutoClose
    private static final StripeStub stripe = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stripe));

    private static Response follow(String link) {
        URI uri = URI.create(link);
        return service.send(service.request(uri.getRawPath() + "?" + uri.getRawQuery()).GET().build());
    }

    @Test
    void reading_the_payment_link_or_the_user_info_calls_no_stripe_and_writes_nothing() {
        UUID user = service.createUser("link@example.com");
        stripe.reset();
        long attempts = service.count("checkout_attempts");
        for (int i = 0; i < 3; i++) {
            Response link = service.asUser(user, "GET", "/api/user/credit/payment-link", null);
            assertThat(link.status()).isEqualTo(200);
            assertThat(link.json().get("paymentLink").asText()).startsWith("http://").contains("sig=");
            Response info = service.asUser(user, "GET", "/api/user/info", null);
            assertThat(info.status()).isEqualTo(200);
            assertThat(info.json().get("paymentLink").asText()).isEqualTo(link.json().get("paymentLink").asText());
        }
        assertThat(stripe.requests()).isEmpty();
        assertThat(service.count("checkout_attempts")).isEqualTo(attempts);
    }

    @Test
    void following_the_link_creates_the_default_pack_checkout_once_and_redirects_to_stripe() {
        UUID user = service.createUser("follow@example.com");
        String link = service.asUser(user, "GET", "/api/user/credit/payment-link", null).json().get("paymentLink")
                .asText();
        stripe.reset();
        Response first = follow(link);
        assertThat(first.status()).as(first.body()).isEqualTo(302);
        assertThat(first.header("Location")).startsWith("https://checkout.stripe.com/");
        var sessions = stripe.requests("POST", "/v1/checkout/sessions");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).param("line_items[0][price]")).isEqualTo(BillingTestKit.PRICE_STARTER);
        assertThat(sessions.get(0).param("client_reference_id")).isEqualTo(user.toString());
        assertThat(sessions.get(0).idempotencyKey()).startsWith("checkout_attempt_");
        Response again = follow(link);
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(stripe.requests("POST", "/v1/checkout/sessions")).hasSize(1);
    }

    @Test
    void a_tampered_link_is_refused_and_calls_no_stripe() {
        UUID user = service.createUser("tamper@example.com");
        String link = service.asUser(user, "GET", "/api/user/credit/payment-link", null).json().get("paymentLink")
                .asText();
        stripe.reset();
        UUID other = service.createUser("other@example.com");
        Response forged = follow(link.replace(user.toString(), other.toString()));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("code").asText()).isEqualTo("INVALID_PAYMENT_LINK");
        String exp = link.replaceAll(".*exp=(\\d+).*", "$1");
        assertThat(follow(link.replace("exp=" + exp, "exp=" + (Long.parseLong(exp) + 3600))).status()).isEqualTo(403);
        assertThat(follow(link.replaceAll("sig=[^&]*", "sig=x")).status()).isEqualTo(403);
        assertThat(follow(link.replaceAll("&sig=[^&]*", "")).status()).isEqualTo(400);
        assertThat(stripe.requests()).isEmpty();
    }

    @Test
    void payment_link_url_when_set_is_the_link() {
        Map<String, String> env = new HashMap<>(BillingTestKit.env(stripe));
        env.put("PAYMENT_LINK_URL", "https://buy.stripe.com/test_123");
        try (TestService withLink = TestService.start(env)) {
            UUID user = withLink.createUser("fixed@example.com");
            stripe.reset();
            assertThat(withLink.asUser(user, "GET", "/api/user/credit/payment-link", null).json().get("paymentLink")
                    .asText()).isEqualTo("https://buy.stripe.com/test_123");
            assertThat(stripe.requests()).isEmpty();
        }
    }
}
