package dev.creditline.bootstrap.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** With no Stripe settings, billing answers 503 and everything else works (billing.md). */
@DatabaseTest
class BillingNotConfiguredTest {

    @AutoClose
    private static final TestService service = TestService.start();

    @Test
    void billing_endpoints_answer_503_stripe_not_configured_and_the_rest_works() {
        UUID user = service.createUser("unconfigured@example.com");
        for (String path : new String[] {"/api/billing/checkout?pack_id=starter", "/api/billing/subscribe",
                "/api/billing/portal", "/api/billing/cancel"}) {
            Response r = service.asUser(user, "POST", path, null);
            assertThat(r.status()).as(path).isEqualTo(503);
            assertThat(r.json().get("code").asText()).isEqualTo("STRIPE_NOT_CONFIGURED");
            assertThat(r.json().get("detail").asText()).startsWith("Stripe not configured");
        }
        Response webhook = service.json("POST", "/api/billing/webhook", "{}", "Stripe-Signature", "t=1,v1=00");
        assertThat(webhook.status()).isEqualTo(503);
        assertThat(webhook.json().get("detail").asText()).contains("STRIPE_WEBHOOK_SECRET");
        assertThat(service.count("stripe_events")).isZero();
        assertThat(service.count("checkout_attempts")).isZero();

        assertThat(service.json("GET", "/api/billing/products", null).status()).isEqualTo(200);
        assertThat(service.asUser(user, "GET", "/api/users/me", null).status()).isEqualTo(200);
        Response profile = service.asUser(user, "GET", "/api/users/profile", null);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().get("billing_state").get("managed_by").asText()).isEqualTo("none");
        assertThat(profile.json().get("monthly_allowance").asLong()).isEqualTo(10_000);
        // deletion of a user without a subscription needs no Stripe
        assertThat(service.asUser(user, "DELETE", "/api/users/me", null).status()).isEqualTo(200);
        assertThat(service.count("users WHERE id = '" + user + "'")).isZero();
    }
}
