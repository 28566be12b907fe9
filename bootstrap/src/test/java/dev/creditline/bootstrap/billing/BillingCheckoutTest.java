package dev.creditline.bootstrap.billing;

import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PLUS;
import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_PRO;
import static dev.creditline.bootstrap.billing.BillingTestKit.PRICE_STARTER;
import static dev.creditline.bootstrap.billing.BillingTestKit.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.bootstrap.testing.TestService;
import dev.creditline.bootstrap.testing.TestService.Response;
import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.stripe.testing.StripeStub;
import dev.creditline.stripe.testing.StripeStub.RecordedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outgoing Stripe calls through the stub: parameters and idempotency keys (billing.md
 * "Outgoing calls"; lesson 8), products, portal, cancel, checkout status, failures.
 */
@DatabaseTest
class BillingCheckoutTest {

    @AutoClose
    private static final StripeStub stub = StripeStub.start();
    @AutoClose
    private static final TestService service = TestService.start(BillingTestKit.env(stub));

    @BeforeEach
    void resetStub() {
        stub.reset();
    }

    @Test
    void products_list_the_configured_packs_without_authentication() {
        Response r = service.json("GET", "/api/billing/products", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode products = r.json().get("products");
        assertThat(products).hasSize(3);
        assertThat(products.get(0).get("id").asText()).isEqualTo("starter");
        assertThat(products.get(0).get("credits").asLong()).isEqualTo(50_000);
        assertThat(products.get(0).get("price_usd").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(products.get(2).get("id").asText()).isEqualTo("enterprise");
        assertThat(products.get(2).get("price_usd").decimalValue()).isEqualByComparingTo("50");
    }

    @Test
    void a_pack_checkout_sends_the_pack_with_a_key_from_the_durable_attempt() {
        UUID user = service.createUser(id("pack") + "@example.com");
        Response r = service.asUser(user, "POST", "/api/billing/checkout?pack_id=starter", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String url = r.json().get("checkout_url").asText();
        assertThat(url).startsWith("https://checkout.stripe.com/");
        RecordedRequest sent = stub.lastRequest();
        String attemptId = service.jdbi().withHandle(h -> h.createQuery(
                "SELECT id::text FROM checkout_attempts WHERE user_id = :u AND kind = 'pack' AND status = 'open'")
                .bind("u", user).mapTo(String.class).one());
        assertThat(sent.path()).isEqualTo("/v1/checkout/sessions");
        assertThat(sent.idempotencyKey()).isEqualTo("checkout_attempt_" + attemptId);
        assertThat(sent.param("mode")).isEqualTo("payment");
        assertThat(sent.param("line_items[0][price]")).isEqualTo(PRICE_STARTER);
        assertThat(sent.param("line_items[0][quantity]")).isEqualTo("1");
        assertThat(sent.param("client_reference_id")).isEqualTo(user.toString());
        assertThat(sent.param("metadata[credits]")).isEqualTo("50000");
        assertThat(sent.param("metadata[pack_id]")).isEqualTo("starter");
        assertThat(sent.param("metadata[user_id]")).isEqualTo(user.toString());
        assertThat(sent.param("payment_intent_data[metadata][credits]")).isEqualTo("50000");
        assertThat(sent.param("success_url"))
                .isEqualTo("https://app.example.com/billing?success=1&session_id={CHECKOUT_SESSION_ID}");
        assertThat(sent.param("cancel_url")).isEqualTo("https://app.example.com/billing?canceled=1");
        assertThat(sent.authorization()).isEqualTo("Bearer sk_test_billing_kit");
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(1);
    }

    @Test
    void an_unknown_or_missing_pack_is_400_and_nothing_is_written() {
        UUID user = service.createUser(id("nopack") + "@example.com");
        long attempts = service.count("checkout_attempts");
        Response unknown = service.asUser(user, "POST", "/api/billing/checkout?pack_id=platinum", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("UNKNOWN_PACK");
        Response missing = service.asUser(user, "POST", "/api/billing/checkout", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("pack_id");
        assertThat(service.json("POST", "/api/billing/checkout?pack_id=starter", null).status()).isEqualTo(401);
        assertThat(service.count("checkout_attempts")).isEqualTo(attempts);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void a_stripe_failure_on_checkout_is_502_and_grants_nothing() {
        UUID user = service.createUser(id("fail") + "@example.com");
        stub.failAlways(StripeStub.Failure.cardDeclined());
        Response r = service.asUser(user, "POST", "/api/billing/checkout?pack_id=pro", null);
        stub.failAlways(null);
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.json().get("code").asText()).isEqualTo("STRIPE_ERROR");
        assertThat(r.body()).doesNotContain("sk_test");
        assertThat(service.count("checkout_attempts WHERE user_id = '" + user + "' AND status = 'failed'")).isEqualTo(1);
        assertThat(service.count("credit_ledger WHERE user_id = '" + user + "'")).isEqualTo(1);
    }

    @Test
    void concurrent_subscribe_clicks_create_one_customer_one_session_and_return_the_same_url() throws Exception {
        UUID user = service.createUser(id("click") + "@example.com");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Response>> answers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 6; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return service.asUser(user, "POST", "/api/billing/subscribe", "{\"plan\":\"pro\"}");
            }));
        }
        go.countDown();
        Set<String> urls = new HashSet<>();
        for (Future<Response> f : answers) {
            Response r = f.get();
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            urls.add(r.json().get("checkout_url").asText());
        }
        pool.shutdownNow();
        assertThat(urls).hasSize(1);
        List<RecordedRequest> customers = stub.requests("POST", "/v1/customers");
        assertThat(customers).isNotEmpty().allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo("customer_" + user));
        List<RecordedRequest> sessions = stub.requests("POST", "/v1/checkout/sessions");
        String attemptId = service.jdbi().withHandle(h -> h.createQuery(
                "SELECT id::text FROM checkout_attempts WHERE user_id = :u AND kind = 'subscription'")
                .bind("u", user).mapTo(String.class).one());
        assertThat(sessions).isNotEmpty().allSatisfy(s -> assertThat(s.idempotencyKey())
                .isEqualTo("checkout_attempt_" + attemptId));
        RecordedRequest s = sessions.get(0);
        String customer = service.jdbi().withHandle(h -> h.createQuery(
                "SELECT stripe_customer_id FROM users WHERE id = :u").bind("u", user).mapTo(String.class).one());
        assertThat(customer).startsWith("cus_stub_");
        assertThat(s.param("mode")).isEqualTo("subscription");
        assertThat(s.param("customer")).isEqualTo(customer);
        assertThat(s.param("line_items[0][price]")).isEqualTo(PRICE_PRO);
        assertThat(s.param("metadata[plan]")).isEqualTo("pro");
        assertThat(s.param("metadata[checkout_attempt_id]")).isEqualTo(attemptId);
        assertThat(s.param("subscription_data[metadata][user_id]")).isEqualTo(user.toString());
        assertThat(s.param("subscription_data[metadata][checkout_attempt_id]")).isEqualTo(attemptId);
        // a later click returns the open attempt without calling Stripe
        int before = stub.requests().size();
        Response again = service.asUser(user, "POST", "/api/billing/subscribe", null);
        assertThat(again.json().get("checkout_url").asText()).isEqualTo(urls.iterator().next());
        assertThat(stub.requests()).hasSize(before);
        assertThat(service.count("checkout_attempts WHERE user_id = '" + user + "'")).isEqualTo(1);

        // completed: an active subscriber gets 409, the portal opens, cancel schedules
        String sessionId = service.jdbi().withHandle(h -> h.createQuery(
                "SELECT stripe_session_id FROM checkout_attempts WHERE id = :a::uuid").bind("a", attemptId)
                .mapTo(String.class).one());
        String sub = id("sub");
        BillingTestKit.deliver(service, BillingTestKit.subscriptionCheckout(id("evt"), Instant.now().getEpochSecond(),
                sessionId, user, customer, sub, "pro"));
        assertThat(service.count("checkout_attempts WHERE id = '" + attemptId + "' AND status = 'complete'")).isEqualTo(1);
        Response conflict = service.asUser(user, "POST", "/api/billing/subscribe", null);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("code").asText()).isEqualTo("ALREADY_SUBSCRIBED");
        assertThat(service.asUser(user, "GET", "/api/billing/checkout-status?session_id=" + sessionId, null)
                .json().get("status").asText()).isEqualTo("complete");

        Response portal = service.asUser(user, "POST", "/api/billing/portal", null);
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.json().get("portal_url").asText()).startsWith("https://billing.stripe.com/");
        assertThat(stub.lastRequest().param("customer")).isEqualTo(customer);
        assertThat(stub.lastRequest().param("return_url")).isEqualTo("https://app.example.com/billing");

        Instant periodEnd = Instant.parse("2031-01-01T00:00:00Z");
        stub.subscriptionPeriodEnd(periodEnd);
        Response cancel = service.asUser(user, "POST", "/api/billing/cancel", null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        assertThat(cancel.json().get("status").asText()).isEqualTo("scheduled_cancel");
        assertThat(Instant.parse(cancel.json().get("effective_at").asText())).isEqualTo(periodEnd);
        RecordedRequest update = stub.lastRequest();
        assertThat(update.path()).isEqualTo("/v1/subscriptions/" + sub);
        assertThat(update.param("cancel_at_period_end")).isEqualTo("true");
        assertThat(update.idempotencyKey()).startsWith("cancel_at_period_end_").isNotEqualTo("cancel_at_period_end_" + sub);
        JsonNode billing = service.asUser(user, "GET", "/api/users/profile", null).json().get("billing_state");
        assertThat(billing.get("managed_by").asText()).isEqualTo("stripe");
        assertThat(billing.get("status").asText()).isEqualTo("active");
        assertThat(billing.get("interval").asText()).isEqualTo("month");
        assertThat(billing.get("cancel_at_period_end").asBoolean()).isTrue();
        assertThat(Instant.parse(billing.get("period_end").asText())).isEqualTo(periodEnd);
    }

    @Test
    void a_plan_added_by_configuration_can_be_subscribed_and_unknown_plans_are_400() {
        UUID user = service.createUser(id("plus") + "@example.com");
        Response r = service.asUser(user, "POST", "/api/billing/subscribe", "{\"plan\":\"plus\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(stub.lastRequest().param("line_items[0][price]")).isEqualTo(PRICE_PLUS);
        assertThat(stub.lastRequest().param("metadata[plan]")).isEqualTo("plus");
        UUID other = service.createUser(id("gold") + "@example.com");
        for (String body : List.of("{\"plan\":\"gold\"}", "{\"plan\":\"free\"}")) {
            Response bad = service.asUser(other, "POST", "/api/billing/subscribe", body);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("code").asText()).isEqualTo("UNKNOWN_PLAN");
        }
        Response notJson = service.asUser(other, "POST", "/api/billing/subscribe", "{plan");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("field").asText()).isEqualTo("body");
        assertThat(service.count("checkout_attempts WHERE user_id = '" + other + "'")).isZero();
    }

    @Test
    void portal_without_customer_is_400_and_cancel_without_subscription_is_409() {
        UUID user = service.createUser(id("none") + "@example.com");
        Response portal = service.asUser(user, "POST", "/api/billing/portal", null);
        assertThat(portal.status()).isEqualTo(400);
        assertThat(portal.json().get("code").asText()).isEqualTo("NO_STRIPE_CUSTOMER");
        Response cancel = service.asUser(user, "POST", "/api/billing/cancel", null);
        assertThat(cancel.status()).isEqualTo(409);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void checkout_status_follows_the_session_and_is_owner_only() {
        UUID user = service.createUser(id("status") + "@example.com");
        UUID stranger = service.createUser(id("stranger") + "@example.com");
        service.asUser(user, "POST", "/api/billing/checkout?pack_id=starter", null);
        String session = service.jdbi().withHandle(h -> h.createQuery(
                "SELECT stripe_session_id FROM checkout_attempts WHERE user_id = :u").bind("u", user)
                .mapTo(String.class).one());
        String path = "/api/billing/checkout-status?session_id=" + session;
        assertThat(service.asUser(stranger, "GET", path, null).status()).isEqualTo(404);
        assertThat(service.asUser(user, "GET", "/api/billing/checkout-status", null).status()).isEqualTo(400);
        assertThat(service.asUser(user, "GET", path, null).json().get("status").asText()).isEqualTo("payment_pending");
        stub.completeCheckoutSession(session, "unpaid");
        assertThat(service.asUser(user, "GET", path, null).json().get("status").asText()).isEqualTo("processing");
        BillingTestKit.deliver(service, BillingTestKit.packCheckout("checkout.session.async_payment_succeeded", id("evt"),
                Instant.now().getEpochSecond(), session, user, "starter", 50_000, "paid", id("pi"), 500));
        assertThat(service.asUser(user, "GET", path, null).json().get("status").asText()).isEqualTo("complete");

        service.asUser(user, "POST", "/api/billing/checkout?pack_id=starter", null);
        String second = service.jdbi().withHandle(h -> h.createQuery(
                "SELECT stripe_session_id FROM checkout_attempts WHERE user_id = :u AND status = 'open'").bind("u", user)
                .mapTo(String.class).one());
        stub.expireCheckoutSession(second);
        assertThat(service.asUser(user, "GET", "/api/billing/checkout-status?session_id=" + second, null)
                .json().get("status").asText()).isEqualTo("expired");
    }

    @Test
    void subscribe_with_an_unknown_charset_is_415_not_500_and_calls_no_stripe() {
        UUID u = service.createUser("charset-" + id("u") + "@example.com");
        Response r = service.send(service.request("/api/billing/subscribe")
                .header("Authorization", "Bearer " + TestService.tokenFor(u))
                .header("Content-Type", "application/json; charset=nope")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"plan\":\"pro\"}")).build());
        assertThat(r.status()).as(r.body()).isEqualTo(415);
        assertThat(r.json().get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(stub.requests()).isEmpty();
        assertThat(service.count("checkout_attempts WHERE user_id = '" + u + "'")).isZero();
    }
}
